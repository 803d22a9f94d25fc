/**
 * What the wire server reads in a client's SQL before the engine runs it: the statements
 * that Cloudflare Hyperdrive (production's transaction-mode pool) does not support, which
 * are refused here too, so code that works locally works in production; and the
 * `statement_timeout` a transaction sets, which this server enforces itself.
 */

/** Why a statement is refused: SQLSTATE 0A000 (feature_not_supported) with this message. */
export interface Refusal {
  message: string;
  hint: string;
}

const HYPERDRIVE_HINT =
  'Production reaches PostgreSQL through Cloudflare Hyperdrive (transaction-mode pooling), which does not support it; the local server refuses it so that code which works here works there.';

const refusedStatements: ReadonlyArray<[RegExp, string]> = [
  [/^(listen|unlisten|notify)\b/, 'LISTEN/NOTIFY'],
  // PREPARE TRANSACTION (two-phase commit) is another statement; the engine answers it.
  [/^prepare\b(?!\s+transaction\b)/, "SQL PREPARE (use your driver's prepared statements: the protocol's Parse/Bind)"],
  [/^(execute|deallocate)\b/, "SQL EXECUTE/DEALLOCATE (use your driver's prepared statements)"],
  [/^discard\b/, 'DISCARD (session state ends with each transaction here, as through the pool)'],
];

const refusedCalls: ReadonlyArray<[RegExp, string]> = [
  [/\bpg_notify\s*\(/, 'pg_notify (NOTIFY)'],
  [/\bpg_(try_)?advisory_\w*\s*\(/, 'advisory locks'],
];

/** What the guard found in one Query or Parse text. */
export interface SqlReading {
  refusal: Refusal | undefined;
  /** The last `SET [LOCAL|SESSION] statement_timeout` in the text, in ms (0: none); `null` for a RESET. */
  statementTimeoutMs: number | null | undefined;
}

/** Reads `sql` (one Query message, possibly several statements; or one Parse). */
export function readSql(sql: string): SqlReading {
  let statementTimeoutMs: number | null | undefined;
  for (const [raw, statement] of statements(sql, withoutLiteralsAndComments(sql))) {
    const refusal = refuse(statement);
    if (refusal !== undefined) return { refusal, statementTimeoutMs };
    const timeout = statementTimeoutSetting(raw, statement);
    if (timeout !== undefined) statementTimeoutMs = timeout;
  }
  // With standard_conforming_strings off (which the text may set), a backslash escapes a
  // quote in every literal: 'x\'' then hides what follows from the reading above.
  if (sql.includes('\\')) {
    for (const [, statement] of statements(sql, withoutLiteralsAndComments(sql, true))) {
      const refusal = refuse(statement);
      if (refusal !== undefined) return { refusal, statementTimeoutMs };
    }
  }
  return { refusal: undefined, statementTimeoutMs };
}

function refuse(statement: string): Refusal | undefined {
  for (const [pattern, what] of refusedStatements) {
    if (pattern.test(statement)) return refusal(what);
  }
  for (const [pattern, what] of refusedCalls) {
    if (pattern.test(statement)) return refusal(what);
  }
  if (/^copy\b/.test(statement) && /\bfrom\s+stdin\b/.test(statement)) {
    return {
      message:
        'COPY ... FROM STDIN is not supported by the embedded (PGlite) server: it would stop the engine for every client.',
      hint: 'Use INSERT, or serve with --engine postgres.',
    };
  }
  return undefined;
}

function refusal(what: string): Refusal {
  return { message: `${what} is not supported: Hyperdrive does not support it.`, hint: HYPERDRIVE_HINT };
}

/**
 * `SET statement_timeout ...` or `set_config('statement_timeout', '...', ...)` read from the
 * statement as written (the value may be a quoted string such as '2s'), or `null` for
 * `RESET statement_timeout` / `SET ... DEFAULT`. A value set another way (a parameter, a
 * function) is read from the engine after the message (`READ_STATEMENT_TIMEOUT`).
 */
function statementTimeoutSetting(raw: string, code: string): number | null | undefined {
  if (/^reset\s+(statement_timeout|all)\b/.test(code)) return null;
  const setConfig = /\bset_config\s*\(\s*'statement_timeout'\s*,\s*'([^']*)'/i.exec(raw);
  if (setConfig?.[1] !== undefined) return durationMs(setConfig[1]);
  if (!/^set\s+((session|local)\s+)?statement_timeout\b/.test(code)) return undefined;
  const value = /statement_timeout\s*(?:=|\bto\b)\s*('([^']*)'|[^\s;]+)/i.exec(raw);
  const text = value?.[2] ?? value?.[1];
  if (text === undefined || /^default$/i.test(text)) return null;
  return durationMs(text);
}

const unitMs: Readonly<Record<string, number>> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A GUC time value in ms (no unit: ms), or `undefined` when it is not one (the engine will say so). */
export function durationMs(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/i.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * (unitMs[(match[2] ?? 'ms').toLowerCase()] as number);
}

/** Each statement of `sql` as written and as code (lower case, literals and comments blanked). */
function statements(sql: string, code: string): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  let start = 0;
  for (let index = 0; index <= code.length; index++) {
    if (index === code.length || code[index] === ';') {
      const text = code.slice(start, index).trim().toLowerCase();
      if (text !== '') result.push([sql.slice(start, index).trim(), text]);
      start = index + 1;
    }
  }
  return result;
}

/** A dollar-quote tag (`$$`, `$body$`) starting exactly at `lastIndex`. */
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z_0-9]*)?\$/y;

/**
 * `sql` with the insides of string literals, dollar quotes and comments, and the quotes of
 * quoted identifiers, replaced by spaces (same length), so keywords are found only where
 * they are code (and `"pg_notify"(` reads as the call it is). `backslashEscapes`: read
 * every literal as standard_conforming_strings = off would.
 */
export function withoutLiteralsAndComments(sql: string, backslashEscapes = false): string {
  // Built from slices: the ranges blanked only move forward, so the text between them is copied once.
  let out = '';
  let copied = 0;
  const blank = (from: number, to: number) => {
    out += sql.slice(copied, from) + ' '.repeat(to - from);
    copied = to;
  };
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === '-' && next === '-') {
      const stop = lineCommentEnd(sql, index);
      blank(index, stop);
      index = stop;
    } else if (char === '/' && next === '*') {
      const stop = blockCommentEnd(sql, index);
      blank(index, stop);
      index = stop;
    } else if (char === "'" || char === '"') {
      const close = closingQuote(sql, index, backslashEscapes);
      const end = Math.min(close + 1, sql.length);
      // An identifier of word characters only is kept: one with a ';' or a space is no call.
      if (char === "'" || !/^"[\w$]*"$/.test(sql.slice(index, end))) blank(index, end);
      else {
        blank(index, index + 1);
        if (close < sql.length) blank(close, close + 1);
      }
      index = close + 1;
    } else if (char === '$' && !/\w/.test(sql[index - 1] ?? '')) {
      const stop = dollarQuoteEnd(sql, index);
      if (stop === undefined) index++;
      else {
        blank(index, stop);
        index = stop;
      }
    } else index++;
  }
  return out + sql.slice(copied);
}

/** Where the `--` comment at `start` ends: its newline (kept), or the end of `sql`. */
function lineCommentEnd(sql: string, start: number): number {
  const end = sql.indexOf('\n', start);
  return end < 0 ? sql.length : end;
}

/** Just past the `*\/` that closes the block comment at `start` (they nest), or the end of `sql`. */
function blockCommentEnd(sql: string, start: number): number {
  let depth = 1;
  let cursor = start + 2;
  while (cursor < sql.length && depth > 0) {
    if (sql.startsWith('/*', cursor)) {
      depth++;
      cursor += 2;
    } else if (sql.startsWith('*/', cursor)) {
      depth--;
      cursor += 2;
    } else cursor++;
  }
  return cursor;
}

/**
 * The index of the quote closing the literal or identifier opened at `start` (doubled quotes
 * are part of it; so is a backslash's next character in an `E'...'` literal, or in every
 * literal with `backslashEscapes`), or `sql.length` when it is never closed.
 */
function closingQuote(sql: string, start: number, backslashEscapes: boolean): number {
  const quote = sql[start];
  const backslashes =
    quote === "'" && (backslashEscapes || (/[eE]/.test(sql[start - 1] ?? '') && !/\w/.test(sql[start - 2] ?? '')));
  let cursor = start + 1;
  while (cursor < sql.length) {
    if (backslashes && sql[cursor] === '\\') cursor += 2;
    else if (sql[cursor] === quote && sql[cursor + 1] === quote) cursor += 2;
    else if (sql[cursor] === quote) return cursor;
    else cursor++;
  }
  return cursor;
}

/** Just past the tag closing the dollar quote opened at `start` (or the end of `sql`); `undefined` when no tag opens there. */
function dollarQuoteEnd(sql: string, start: number): number | undefined {
  DOLLAR_TAG.lastIndex = start;
  const tag = DOLLAR_TAG.exec(sql);
  if (tag === null) return undefined;
  const end = sql.indexOf(tag[0], start + tag[0].length);
  return end < 0 ? sql.length : end + tag[0].length;
}
