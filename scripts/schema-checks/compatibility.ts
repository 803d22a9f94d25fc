import type { CatalogDifference, CatalogEntry } from '../../src/db/catalog-snapshot.js';

/** One change between two schemas, and whether services still running the old code survive it. */
export interface Change {
  /** `expand`: old code keeps working. `contract`: old code may break; it must be declared. */
  kind: 'expand' | 'contract';
  /** What changed, as a contract marker names it: `drop column users.legacy_x`. */
  name: string;
}

/**
 * Classifies each difference between a baseline catalog (`before`) and a new one (`after`).
 * Contracting: anything old code may read or write that goes away or changes (a dropped or
 * renamed table, column, index, unique key, foreign key, trigger or function; a changed
 * type; a narrowed vocabulary; a new NOT NULL, CHECK, unique key or foreign key on an
 * existing table, which existing rows or old writers may break). Expanding: what old code
 * cannot notice (new tables, nullable or defaulted columns, indexes, functions, triggers; a
 * widened vocabulary; a dropped NOT NULL or CHECK; a function's new body, whose behaviour
 * the guarantees' tests hold). Objects of an added or dropped table go with it.
 */
export function classifyChanges(differences: readonly CatalogDifference[]): Change[] {
  const tablesChanged = new Set(differences.filter((d) => d.kind === 'table').map((d) => d.name));
  const changes: Change[] = [];
  for (const difference of differences) {
    const { kind, before, after } = difference;
    if (kind !== 'table' && kind !== 'function' && tablesChanged.has((before ?? after)?.table ?? '')) continue;
    if (before === undefined && after !== undefined) changes.push(...added(after));
    else if (before !== undefined && after === undefined) changes.push(removed(before));
    else if (before !== undefined && after !== undefined) changes.push(...changed(before, after));
  }
  return changes;
}

const expand = (name: string): Change => ({ kind: 'expand', name });
const contract = (name: string): Change => ({ kind: 'contract', name });

function added(entry: CatalogEntry): Change[] {
  const { kind, name, column, subtype } = entry;
  switch (kind) {
    case 'column':
      return column?.notNull && column.default === null
        ? [contract(`add not null column ${name}`)]
        : [expand(`add column ${name}`)];
    case 'constraint':
      // A CHECK or key on existing rows and old writers: either may already break it.
      return [contract(`add constraint ${name}`)];
    case 'index':
      return [subtype === 'u' ? contract(`add unique index ${name}`) : expand(`add index ${name}`)];
    default:
      return [expand(`add ${kind} ${name}`)];
  }
}

function removed({ kind, name, subtype }: CatalogEntry): Change {
  // Without a CHECK the column accepts more; every other removal takes away what old code uses.
  if (kind === 'constraint' && subtype === 'c') return expand(`drop constraint ${name}`);
  return contract(`drop ${kind} ${name}`);
}

function changed(before: CatalogEntry, after: CatalogEntry): Change[] {
  const { kind, name } = after;
  if (kind === 'column' && before.column !== undefined && after.column !== undefined) {
    const [was, is] = [before.column, after.column];
    const changes: Change[] = [];
    if (was.type !== is.type) changes.push(contract(`change type ${name}`));
    if (was.notNull !== is.notNull) {
      changes.push(is.notNull ? contract(`set not null ${name}`) : expand(`drop not null ${name}`));
    }
    if (was.default !== is.default) {
      changes.push(is.default === null ? contract(`drop default ${name}`) : expand(`set default ${name}`));
    }
    return changes;
  }
  if (kind === 'constraint') {
    const [was, is] = [vocabulary(before.definition), vocabulary(after.definition)];
    if (was !== undefined && is !== undefined && was.column === is.column) {
      return [
        was.values.every((value) => is.values.includes(value))
          ? expand(`widen constraint ${name}`)
          : contract(`narrow constraint ${name}`),
      ];
    }
  }
  if (kind === 'function') return [expand(`change function ${name}`)];
  return [contract(`change ${kind} ${name}`)];
}

/**
 * The column and values of a closed-vocabulary CHECK, as PostgreSQL prints `col IN (...)`:
 * `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`, or `CHECK ((col = 'a'::text))` for one value.
 */
function vocabulary(definition: string): { column: string; values: string[] } | undefined {
  const match =
    /^CHECK \(\((.+?) = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(definition) ??
    /^CHECK \(\((\w+) = ('(?:[^']|'')*'::\w+)\)\)$/.exec(definition);
  if (match === null) return undefined;
  const values = [...(match[2] ?? '').matchAll(/'((?:[^']|'')*)'::/g)].map((value) => value[1] ?? '');
  return { column: match[1] ?? '', values };
}

/** The marker a file declares a contracting change with: `-- cutx:contract drop column users.legacy_x`. */
export const CONTRACT_MARKER = '-- cutx:contract ';

/** The changes the given SQL declares, one per marker line. */
export function declaredContractions(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => line.startsWith(CONTRACT_MARKER))
    .map((line) => line.slice(CONTRACT_MARKER.length).trim().replace(/\s+/g, ' '));
}

/**
 * The contracting changes no marker declares, and the markers that name no contracting
 * change (a typo, or a change that is not there): both fail the gate.
 */
export function undeclared(
  changes: readonly Change[],
  declared: readonly string[],
): { missing: string[]; stale: string[] } {
  const contracting = changes.filter((change) => change.kind === 'contract').map((change) => change.name);
  return {
    missing: contracting.filter((name) => !declared.includes(name)),
    stale: declared.filter((name) => !contracting.includes(name)),
  };
}
