/**
 * The branches of a CHECK, read from the expression PostgreSQL deparses for it
 * (`pg_get_constraintdef`), each as the mutant that loses it: a conjunct made `true`, a
 * disjunct `false`, an arm of a CASE dropped, a comparison moved across its boundary, its
 * sides swapped, an element dropped from an IN list, a regex anchor removed, IS NULL turned
 * into IS NOT NULL. An attack covers a branch when one of its rows is judged differently by
 * the mutant than by the real CHECK.
 *
 * The deparser puts every operator and boolean expression in parentheses of its own, so
 * the tree follows from the parentheses and a handful of keywords; no precedence is needed.
 */

/** One branch of a CHECK: what the mutant changes, and the whole CHECK with that change. */
export interface Branch {
  branch: string;
  check: string;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN =
  /\s+|'(?:[^']|'')*'|"(?:[^"]|"")*"|::[a-z_ ]+(?:\(\d+(?:,\d+)?\))?(?:\[\])?|[A-Za-z_][A-Za-z0-9_$.]*|\d+(?:\.\d+)?|<>|<=|>=|!=|[<>=~]|!~\*?|~\*|[-+*/%|&]+|[()[\],]/gy;

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < sql.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(sql);
    if (!match) throw new RangeError(`cannot read the CHECK at ${start}: ${sql.slice(start, start + 30)}`);
    if (!/^\s/.test(match[0])) tokens.push({ text: match[0], start, end: TOKEN.lastIndex });
  }
  return tokens;
}

const COMPARISONS: Record<string, string[]> = {
  '<': ['<='],
  '<=': ['<'],
  '>': ['>='],
  '>=': ['>'],
  '=': ['<=', '>='],
  '<>': ['<', '>'],
};

const upper = (token: Token | undefined) => token?.text.toUpperCase();
const isOpen = (token: Token) => token.text === '(' || token.text === '[' || upper(token) === 'CASE';
const isClose = (token: Token) => token.text === ')' || token.text === ']' || upper(token) === 'END';

/** The branches of `check`, a `CHECK (...)` as pg_get_constraintdef writes it. */
export function checkBranches(check: string): Branch[] {
  const tokens = tokenize(check);
  const branches: Branch[] = [];
  const edit = (branch: string, from: number, to: number, text: string) =>
    branches.push({ branch, check: check.slice(0, from) + text + check.slice(to) });
  const source = (from: number, to: number) => check.slice(tokens[from]?.start, tokens[to - 1]?.end);

  // Indexes, within [from, to), of the tokens at nesting depth 0 that `keep` accepts.
  const topLevel = (from: number, to: number, keep: (token: Token) => boolean): number[] => {
    const found: number[] = [];
    let depth = 0;
    for (let i = from; i < to; i++) {
      const token = tokens[i] as Token;
      if (depth === 0 && keep(token)) found.push(i);
      if (isOpen(token)) depth++;
      else if (isClose(token)) depth--;
    }
    return found;
  };
  const closing = (open: number): number => {
    let depth = 0;
    for (let i = open; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (isOpen(token)) depth++;
      else if (isClose(token) && --depth === 0) return i;
    }
    throw new RangeError(`unbalanced CHECK: ${check}`);
  };

  const visit = (from: number, to: number): void => {
    if (from >= to) return;
    if (tokens[from]?.text === '(' && closing(from) === to - 1) {
      visit(from + 1, to - 1);
      return;
    }
    for (const keyword of ['OR', 'AND']) {
      const at = topLevel(from, to, (token) => upper(token) === keyword);
      if (at.length === 0) continue;
      const bounds = [from - 1, ...at, to];
      for (let k = 0; k + 1 < bounds.length; k++) {
        const [a, b] = [(bounds[k] as number) + 1, bounds[k + 1] as number];
        const part = source(a, b);
        const [head, tail] = [tokens[a] as Token, tokens[b - 1] as Token];
        edit(
          `${keyword === 'OR' ? 'disjunct' : 'conjunct'} ${part} dropped`,
          head.start,
          tail.end,
          keyword === 'OR' ? 'false' : 'true',
        );
        visit(a, b);
      }
      return;
    }
    if (upper(tokens[from]) === 'CASE' && closing(from) === to - 1) {
      visitCase(from, to);
      return;
    }
    const ops = topLevel(from, to, (token) => token.text in COMPARISONS || /^!?~\*?$/.test(token.text));
    if (ops.length === 1) {
      visitComparison(from, ops[0] as number, to);
      return;
    }
    const is = topLevel(from, to, (token) => upper(token) === 'IS');
    if (is.length === 1) {
      const at = is[0] as number;
      const not = upper(tokens[at + 1]) === 'NOT';
      const lastToken = tokens[to - 1] as Token;
      edit(
        `${source(from, to)} inverted`,
        (tokens[at] as Token).start,
        lastToken.end,
        not ? `IS ${source(at + 2, to)}` : `IS NOT ${source(at + 1, to)}`,
      );
    }
  };

  const visitCase = (from: number, to: number): void => {
    const arms = topLevel(from + 1, to - 1, (token) => ['WHEN', 'ELSE'].includes(upper(token) ?? ''));
    const ends = [...arms.slice(1), to - 1];
    arms.forEach((at, k) => {
      const end = ends[k] as number;
      const then = topLevel(at, end, (token) => upper(token) === 'THEN')[0];
      if (upper(tokens[at]) === 'WHEN' && then !== undefined) {
        edit(
          `case ${source(at + 1, then).replace(/::\w+$/, '')} dropped (it falls to the next arm)`,
          (tokens[at] as Token).start,
          (tokens[end - 1] as Token).end,
          '',
        );
        visit(then + 1, end);
      } else {
        visit(at + 1, end);
      }
    });
  };

  const visitComparison = (from: number, at: number, to: number): void => {
    const op = tokens[at] as Token;
    const [left, right] = [source(from, at), source(at + 1, to)];
    const quantified = ['ANY', 'ALL'].includes(upper(tokens[at + 1]) ?? '');
    if (quantified) {
      // x = ANY (ARRAY['a', 'b']): one disjunct per element; x <> ALL (...): one conjunct each.
      const open = tokens.findIndex((token, i) => i > at && token.text === '[');
      const close = closing(open);
      const commas = topLevel(open + 1, close, (token) => token.text === ',');
      const starts = [open + 1, ...commas.map((comma) => comma + 1)];
      const stops = [...commas, close];
      if (commas.length > 0) {
        starts.forEach((start, k) => {
          // The element and the comma before it (after it, for the first).
          const [cutFrom, cutTo] =
            k === 0 ? [start, start + (stops[0] as number) - start + 1] : [commas[k - 1] as number, stops[k] as number];
          edit(
            `${source(start, stops[k] as number).replace(/::\w+$/, '')} dropped from ${left} ${op.text} ${upper(tokens[at + 1])}`,
            (tokens[cutFrom] as Token).start,
            (tokens[cutTo - 1] as Token).end,
            '',
          );
        });
      }
      return;
    }
    if (op.text.includes('~')) {
      const literal = tokens[at + 1] as Token;
      const pattern = literal.text;
      if (pattern.startsWith("'^")) {
        edit(`anchor ^ of ${pattern} removed`, literal.start, literal.end, `'${pattern.slice(2)}`);
      }
      if (/[^\\]\$'$/.test(pattern)) {
        edit(`anchor $ of ${pattern} removed`, literal.start, literal.end, `${pattern.slice(0, -2)}'`);
      }
      return;
    }
    // Text compared with a literal (status <> 'failed') is an equality test, not a bound:
    // moving it across a boundary ('failed' < status) is no bug anyone writes.
    const textual = /'/.test(left) || /'/.test(right);
    for (const other of textual ? [] : (COMPARISONS[op.text] ?? [])) {
      edit(`${left} ${op.text} ${right} made ${other}`, op.start, op.end, other);
    }
    if (!textual && op.text !== '=' && op.text !== '<>') {
      const [head, tail] = [tokens[from] as Token, tokens[to - 1] as Token];
      edit(`${left} ${op.text} ${right} with its sides swapped`, head.start, tail.end, `${right} ${op.text} ${left}`);
    }
    visit(from, at);
    visit(at + 1, to);
  };

  const body = topLevel(0, tokens.length, (token) => token.text === '(')[0];
  if (upper(tokens[0]) !== 'CHECK' || body === undefined) throw new RangeError(`not a CHECK: ${check}`);
  visit(body, closing(body) + 1);
  return branches;
}
