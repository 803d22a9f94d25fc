import { CATALOG_KINDS, type CatalogDifference } from '../../src/db/catalog-snapshot.js';

const HEADINGS = {
  extension: 'extensions',
  table: 'tables (persistence, row-level security, replica identity, owner, grants)',
  column: 'columns (type, nullability, default)',
  constraint: 'constraints',
  index: 'indexes',
  view: 'views',
  sequence: 'sequences',
  domain: 'domains and their constraints',
  policy: 'row-level security policies',
  rule: 'rules',
  trigger: 'triggers (with their enable mode)',
  function: 'functions (with owner and grants)',
} as const;

/**
 * The differences between a canonical and a live catalog, grouped by kind, one object per
 * line: `-` missing from the live database, `+` there but not in the schema, `~` different,
 * with the first line where the two definitions part.
 */
export function driftReport(drift: readonly CatalogDifference[]): string {
  const lines: string[] = [];
  for (const kind of CATALOG_KINDS) {
    const ofKind = drift.filter((difference) => difference.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`  ${HEADINGS[kind]}:`);
    for (const { name, before, after } of ofKind) {
      if (after === undefined) lines.push(`    - ${name}: missing${detail('expected', before?.definition)}`);
      else if (before === undefined) lines.push(`    + ${name}: not in the schema${detail('found', after.definition)}`);
      else {
        const [expected, found] = firstDifferingLines(before.definition, after.definition);
        lines.push(`    ~ ${name}: expected ${expected}`, `      ${' '.repeat(name.length)}  found    ${found}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function detail(label: string, definition: string | undefined): string {
  const line = definition?.trim().split('\n')[0] ?? '';
  return line === '' ? '' : ` (${label} ${line})`;
}

/** The first line on which two definitions differ; a function body is many lines. */
function firstDifferingLines(before: string, after: string): [string, string] {
  const a = before.split('\n');
  const b = after.split('\n');
  const at = a.findIndex((line, index) => line !== b[index]);
  const index = at === -1 ? a.length : at;
  const where = a.length > 1 || b.length > 1 ? ` (line ${index + 1})` : '';
  return [`${(a[index] ?? '(nothing)').trim()}${where}`, (b[index] ?? '(nothing)').trim()];
}
