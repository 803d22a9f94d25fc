import type { CatalogDifference, CatalogEntry, CatalogSnapshot } from '../../src/db/catalog-snapshot.js';

/** How services still running the old code live with a change. */
export type Verdict = 'expand' | 'contract' | 'behaviour';

/** One change between two schemas, and whether services still running the old code survive it. */
export interface Change {
  /**
   * `expand`: old code keeps working. `contract`: old code may break (a writer refused, or a
   * reader handed a row its row schema rejects); it must be declared. `behaviour`: old code
   * runs, but what the database does for it changed (a default, a function or trigger body, a
   * new trigger, rule or policy, a grant); it must be declared too.
   */
  kind: Verdict;
  /** What changed, as a marker names it: `drop column users.legacy_x`. */
  name: string;
  /** Who breaks, when it is not plain from the name: said in the gate's message. */
  why?: string;
}

const READERS =
  "old readers break: the published row schemas (this package's tables.<table>.row, as the deployed services have it) " +
  'reject values the database may now hold. Ship the regenerated schemas to every service first';

/**
 * Classifies each difference between a baseline catalog (`before`, whose snapshot is
 * `baseline`) and a new one. Contract: anything old code may read or write that goes away or
 * changes (a dropped or renamed object, a changed type, collation, persistence, owner or
 * row-level security; a narrowed vocabulary; a new NOT NULL, CHECK, unique key or foreign key
 * on an existing table; a revoked grant), and, for readers, what lets the database hold a
 * value the published row schemas reject (a widened vocabulary, a dropped NOT NULL or CHECK).
 * Behaviour: a new or changed default, function, trigger, rule or policy on what exists, a
 * new grant. Expand: what old code cannot notice (new tables, nullable or defaulted columns,
 * indexes, functions, views, sequences; a validated NOT VALID constraint; a vocabulary
 * written another way; SET NOT NULL behind a validated `CHECK (x IS NOT NULL)`). Objects of an
 * added or dropped table go with it.
 */
export function classifyChanges(differences: readonly CatalogDifference[], baseline: CatalogSnapshot): Change[] {
  const tablesChanged = new Set(
    differences.filter((d) => d.kind === 'table' && (!d.before || !d.after)).map((d) => d.name),
  );
  const relevant = differences.filter(
    ({ kind, before, after }) => kind === 'table' || !tablesChanged.has((before ?? after)?.table ?? ''),
  );
  const renamed = renamedVocabularies(relevant);
  const changes: Change[] = [];
  for (const { before, after } of relevant) {
    if (renamed.skip.has(before ?? after)) continue;
    if (before === undefined && after !== undefined) changes.push(...added(after));
    else if (before !== undefined && after === undefined) changes.push(removed(before));
    else if (before !== undefined && after !== undefined) changes.push(...changed(before, after, baseline));
  }
  return [...changes, ...renamed.changes];
}

const expand = (name: string): Change => ({ kind: 'expand', name });
const contract = (name: string, why?: string): Change => ({ kind: 'contract', name, ...(why ? { why } : {}) });
const behaviour = (name: string): Change => ({ kind: 'behaviour', name });

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
    case 'trigger':
    case 'rule':
    case 'policy':
      // On a table old writers use: what their writes do (or which rows they see) changes.
      return [behaviour(`add ${kind} ${name}`)];
    default:
      return [expand(`add ${kind} ${name}`)];
  }
}

function removed({ kind, name, subtype }: CatalogEntry): Change {
  if (kind === 'constraint' && subtype === 'c') return contract(`drop constraint ${name}`, READERS);
  return contract(`drop ${kind} ${name}`);
}

function changed(before: CatalogEntry, after: CatalogEntry, baseline: CatalogSnapshot): Change[] {
  const { kind, name } = after;
  if (kind === 'column' && before.column !== undefined && after.column !== undefined) {
    return columnChanges(name, before.column, after.column, after.table, baseline);
  }
  const changes = ownership(kind, name, before.definition, after.definition);
  const [was, is] = [withoutOwnership(before.definition), withoutOwnership(after.definition)];
  if (was === is) return changes;
  switch (kind) {
    case 'constraint':
      return [...changes, constraintChange(name, was, is)];
    case 'table':
      return [...changes, ...tableChanges(name, was, is)];
    case 'function':
    case 'trigger':
    case 'rule':
    case 'policy':
    case 'sequence':
      return [...changes, behaviour(`change ${kind} ${name}`)];
    default:
      return [...changes, contract(`change ${kind} ${name}`)];
  }
}

function columnChanges(
  name: string,
  was: NonNullable<CatalogEntry['column']>,
  is: NonNullable<CatalogEntry['column']>,
  table: string,
  baseline: CatalogSnapshot,
): Change[] {
  const changes: Change[] = [];
  if (was.type !== is.type) changes.push(contract(`change type ${name}`));
  if (was.collation !== is.collation) changes.push(contract(`change collation ${name}`));
  if (was.notNull !== is.notNull) {
    const column = name.slice(table.length + 1);
    if (!is.notNull) changes.push(contract(`drop not null ${name}`, READERS));
    // Old writers could not write NULL already: nothing they send is refused now.
    else if (hasNotNullCheck(baseline, table, column)) changes.push(expand(`set not null ${name}`));
    else changes.push(contract(`set not null ${name}`));
  }
  if (was.default !== is.default) {
    if (is.default === null) changes.push(contract(`drop default ${name}`));
    else changes.push(behaviour(`${was.default === null ? 'set' : 'change'} default ${name}`));
  }
  if (was.grants !== is.grants) changes.push(grantChange(`column ${name}`, was.grants, is.grants));
  return changes;
}

function hasNotNullCheck(baseline: CatalogSnapshot, table: string, column: string): boolean {
  const wanted = `CHECK ((${column} IS NOT NULL))`;
  return [...baseline.values()].some(
    (entry) => entry.kind === 'constraint' && entry.table === table && entry.definition === wanted,
  );
}

function constraintChange(name: string, was: string, is: string): Change {
  if (was === `${is} NOT VALID`) return expand(`validate constraint ${name}`);
  const [before, after] = [vocabulary(was), vocabulary(is)];
  if (before !== undefined && after !== undefined && before.column === after.column) {
    return vocabularyChange(name, before.values, after.values);
  }
  return contract(`change constraint ${name}`);
}

function vocabularyChange(name: string, before: readonly string[], after: readonly string[]): Change {
  const widens = before.every((value) => after.includes(value));
  const narrows = after.every((value) => before.includes(value));
  if (widens && narrows) return expand(`rewrite constraint ${name}`);
  return widens ? contract(`widen constraint ${name}`, READERS) : contract(`narrow constraint ${name}`);
}

/**
 * A CHECK dropped and one added on the same table and column, both closed vocabularies: a
 * renamed constraint, judged by its values, not as a drop and a new CHECK on existing rows.
 */
function renamedVocabularies(differences: readonly CatalogDifference[]): {
  changes: Change[];
  skip: Set<CatalogEntry | undefined>;
} {
  const dropped = differences.filter((d) => d.kind === 'constraint' && d.after === undefined).map((d) => d.before);
  const skip = new Set<CatalogEntry | undefined>();
  const changes: Change[] = [];
  for (const difference of differences) {
    const add = difference.after;
    if (difference.kind !== 'constraint' || difference.before !== undefined || add === undefined) continue;
    const is = vocabulary(add.definition);
    const drop = dropped.find(
      (entry) =>
        entry !== undefined &&
        !skip.has(entry) &&
        entry.table === add.table &&
        vocabulary(entry.definition)?.column === is?.column,
    );
    const was = drop === undefined ? undefined : vocabulary(drop.definition);
    if (is === undefined || was === undefined) continue;
    skip.add(drop).add(add);
    changes.push(vocabularyChange(add.name, was.values, is.values));
  }
  return { changes, skip };
}

function tableChanges(name: string, was: string, is: string): Change[] {
  const [before, after] = [properties(was), properties(is)];
  const changes: Change[] = [];
  for (const [property, value] of after) {
    if (before.get(property) === value) continue;
    const label = property.replace(/ /g, '-');
    if (property === 'replica identity') changes.push(behaviour(`set ${label} ${name}`));
    // UNLOGGED loses rows on a crash and from replicas; RLS hides rows from old readers.
    else changes.push(contract(`set ${label} ${value.split(' ')[0]} ${name}`));
  }
  return changes;
}

function ownership(kind: string, name: string, was: string, is: string): Change[] {
  const [before, after] = [properties(was), properties(is)];
  const changes: Change[] = [];
  if (before.get('owner') !== after.get('owner')) changes.push(contract(`change owner ${kind} ${name}`));
  const [grantsBefore, grantsAfter] = [before.get('grants'), after.get('grants')];
  if (grantsBefore !== grantsAfter) changes.push(grantChange(`${kind} ${name}`, grantsBefore, grantsAfter));
  return changes;
}

/** A revoked privilege breaks whoever used it; a new one changes who may do what (0010's REVOKEs are guarantees). */
function grantChange(what: string, was = '', is = ''): Change {
  const [before, after] = [was.split(', '), is.split(', ')];
  return before.every((grant) => after.includes(grant)) ? behaviour(`grant ${what}`) : contract(`revoke ${what}`);
}

/** The `key: value` lines of a definition (a table's, or a function's `-- owner:` trailer). */
function properties(definition: string): Map<string, string> {
  const lines = definition.split('\n').map((line) => line.replace(/^-- /, ''));
  return new Map(
    lines.flatMap((line) => {
      const match = /^([a-z ]+): (.*)$/.exec(line);
      return match === null ? [] : [[match[1] ?? '', match[2] ?? ''] as const];
    }),
  );
}

function withoutOwnership(definition: string): string {
  return definition
    .split('\n')
    .filter((line) => !/^(-- )?(owner|grants): /.test(line))
    .join('\n');
}

/**
 * The column and values of a closed-vocabulary CHECK, in each way PostgreSQL prints one:
 * `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`, `CHECK ((col = 'a'::text))`, or
 * `CHECK (((col = 'a'::text) OR (col = 'b'::text)))`; undefined for any other CHECK.
 */
function vocabulary(definition: string): { column: string; values: string[] } | undefined {
  const body = definition.replace(/ NOT VALID$/, '');
  if (!body.startsWith('CHECK ')) return undefined;
  const columns = new Set<string>();
  const values: string[] = [];
  const literal = "'(?:[^']|'')*'::[a-z ]+";
  const atom = new RegExp(`(\\w+) = (?:ANY \\(ARRAY\\[((?:${literal}(?:, )?)+)\\]\\)|(${literal}))`, 'g');
  const rest = body.slice('CHECK '.length).replace(atom, (_, column: string, list?: string, one?: string) => {
    columns.add(column);
    values.push(...[...(list ?? one ?? '').matchAll(/'((?:[^']|'')*)'::/g)].map((value) => value[1] ?? ''));
    return '';
  });
  if (columns.size !== 1 || rest.replace(/[()\s]|\bOR\b/g, '') !== '') return undefined;
  return { column: [...columns][0] ?? '', values };
}

/** The markers a file declares a change with: `-- cutx:contract drop column users.legacy_x`, `-- cutx:behaviour ...`. */
export const MARKERS = { contract: '-- cutx:contract ', behaviour: '-- cutx:behaviour ' } as const;

/** One declared change: its verdict and name. */
export interface Declared {
  kind: Exclude<Verdict, 'expand'>;
  name: string;
}

/** The changes the given SQL declares, one per marker line. */
export function declaredChanges(sql: string): Declared[] {
  return sql.split('\n').flatMap((line): Declared[] => {
    for (const kind of ['contract', 'behaviour'] as const) {
      const marker = MARKERS[kind];
      if (line.startsWith(marker)) return [{ kind, name: line.slice(marker.length).trim().replace(/\s+/g, ' ') }];
    }
    return [];
  });
}

/**
 * The contract and behaviour changes no marker declares, and the markers that name no such
 * change (a typo, a change that is not there, or the wrong verdict): both fail the gate.
 */
export function undeclared(
  changes: readonly Change[],
  declared: readonly Declared[],
): { missing: Change[]; stale: Declared[] } {
  const key = (change: { kind: string; name: string }) => `${change.kind} ${change.name}`;
  const needed = changes.filter((change) => change.kind !== 'expand');
  const declaredKeys = new Set(declared.map(key));
  const neededKeys = new Set(needed.map(key));
  return {
    missing: needed.filter((change) => !declaredKeys.has(key(change))),
    stale: declared.filter((marker) => !neededKeys.has(key(marker))),
  };
}
