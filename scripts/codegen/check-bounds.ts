import type { ColumnBounds } from '../../src/rows/schema-metadata.js';

type Bounds = { -readonly [K in keyof ColumnBounds]: ColumnBounds[K] };

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);
const IDENT = '(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)';
const CAST = String.raw`(?:::[a-z ]+(?:\[\])?)?`;
const LITERAL = "'((?:[^']|'')*)'";
const NUMBER = String.raw`(?:\(?'?(-?\d+)'?(?:::[a-z]+)?\)?)`;
const OP = '(>=|<=|>|<|=)';

const ANY_LIST = new RegExp(String.raw`^\(?(${IDENT})\)?${CAST} = ANY \(\(?ARRAY\[(.*)\]\)?${CAST}\)$`, 'i');
const LIST_ITEM = new RegExp(`${LITERAL}${CAST}`, 'g');
const LENGTH = new RegExp(String.raw`^(?:length|char_length|character_length)\((${IDENT})\) ${OP} ${NUMBER}$`, 'i');
const OCTET_LENGTH = new RegExp(String.raw`^octet_length\((${IDENT})\) = ${NUMBER}$`, 'i');
const COMPARE = new RegExp(`^(${IDENT}) ${OP} ${NUMBER}$`, 'i');
const COMPARE_REVERSED = new RegExp(`^${NUMBER} ${OP} (${IDENT})$`, 'i');
const PATTERN = new RegExp(String.raw`^\(?(${IDENT})\)?${CAST} ~ ${LITERAL}${CAST}$`, 'i');
const JSON_TYPE = new RegExp(String.raw`^jsonb?_typeof\((${IDENT})\) = ${LITERAL}${CAST}$`, 'i');

const FLIPPED: Record<string, string> = { '>=': '<=', '<=': '>=', '>': '<', '<': '>', '=': '=' };

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replaceAll('""', '"') : identifier;
}

function unescapeLiteral(text: string): string {
  return text.replaceAll("''", "'");
}

/** Index of the parenthesis that closes the one at `open`, skipping quoted text. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const char = text[i] as string;
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return -1;
}

function stripParens(text: string): string {
  let inner = text.trim();
  while (inner.startsWith('(') && closingParen(inner, 0) === inner.length - 1) inner = inner.slice(1, -1).trim();
  return inner;
}

/** The top-level ` AND ` operands of an expression (quotes and parentheses respected). */
function conjuncts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && text.startsWith(' AND ', i)) {
      parts.push(text.slice(start, i));
      start = i + 5;
    }
  }
  parts.push(text.slice(start));
  return parts.map(stripParens);
}

/** Narrows `bounds` to integers that satisfy `<op> n`; false if the comparison says nothing usable. */
function applyComparison(bounds: Bounds, kind: 'value' | 'length', op: string, n: number): boolean {
  const minKey = kind === 'value' ? 'min' : 'minLength';
  const maxKey = kind === 'value' ? 'max' : 'maxLength';
  const min = op === '>' ? n + 1 : op === '>=' || op === '=' ? n : undefined;
  const max = op === '<' ? n - 1 : op === '<=' || op === '=' ? n : undefined;
  if (min !== undefined) bounds[minKey] = Math.max(bounds[minKey] ?? min, min);
  if (max !== undefined) bounds[maxKey] = Math.min(bounds[maxKey] ?? max, max);
  return true;
}

/** Reads one AND operand into `bounds`; false when it is not one of the simple forms. */
function readConjunct(text: string, column: string, baseType: string, bounds: Bounds): boolean {
  const is = (identifier: string | undefined) => identifier !== undefined && unquote(identifier) === column;
  let match = ANY_LIST.exec(text);
  if (match !== null && is(match[1])) {
    const values = [...(match[2] as string).matchAll(LIST_ITEM)].map((item) => unescapeLiteral(item[1] as string));
    bounds.values = bounds.values === undefined ? values : bounds.values.filter((value) => values.includes(value));
    return true;
  }
  match = LENGTH.exec(text);
  if (match !== null && is(match[1])) return applyComparison(bounds, 'length', match[2] as string, Number(match[3]));
  match = OCTET_LENGTH.exec(text);
  if (match !== null && is(match[1])) {
    bounds.octetLength = Number(match[2]);
    return true;
  }
  match = COMPARE.exec(text) ?? null;
  const reversed = match === null ? COMPARE_REVERSED.exec(text) : null;
  if (match !== null || reversed !== null) {
    const [identifier, op, n] =
      match !== null
        ? [match[1], match[2] as string, match[3]]
        : [reversed?.[3], FLIPPED[reversed?.[2] ?? ''], reversed?.[1]];
    if (!is(identifier) || !INTEGER_TYPES.has(baseType) || op === undefined) return false;
    const value = Number(n);
    return Number.isSafeInteger(value) && applyComparison(bounds, 'value', op, value);
  }
  match = PATTERN.exec(text);
  if (match !== null && is(match[1])) {
    bounds.pattern = unescapeLiteral(match[2] as string);
    return true;
  }
  match = JSON_TYPE.exec(text);
  if (match !== null && is(match[1])) {
    bounds.jsonType = unescapeLiteral(match[2] as string);
    return true;
  }
  return false;
}

/**
 * Reads what a one-column CHECK allows into `bounds`, from its definition as
 * `pg_get_constraintdef` prints it (`CHECK ((length(name) >= 1) AND ...)`). Returns whether
 * the whole constraint was understood; `bounds` only changes when it was. `column` is
 * `VALUE` for a domain's CHECK.
 */
export function readCheckBounds(definition: string, column: string, baseType: string, bounds: Bounds): boolean {
  const body = /^CHECK (.*?)(?: NOT VALID)?$/.exec(definition)?.[1];
  if (body === undefined) return false;
  const read: Bounds = { ...bounds };
  const understood = conjuncts(stripParens(body)).every((part) => readConjunct(part, column, baseType, read));
  if (understood) Object.assign(bounds, read);
  return understood;
}

export type { Bounds };
