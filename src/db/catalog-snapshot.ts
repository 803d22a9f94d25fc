import type { SqlClient } from './sql-client.js';

/** The kinds of object a snapshot holds, in the order reports list them. */
export const CATALOG_KINDS = ['table', 'column', 'constraint', 'index', 'trigger', 'function'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/** One object of the `public` schema, as the catalog describes it. */
export interface CatalogEntry {
  kind: CatalogKind;
  /** `users`, `users.email`, `users.users_role_check`, `idx_users_email`, `users.trg`, `f(uuid)`. */
  name: string;
  /** The table it belongs to (itself for a table; empty for a function). */
  table: string;
  /** What two databases must agree on: PostgreSQL's own rendering of the object. */
  definition: string;
  /** Columns only. */
  column?: { type: string; notNull: boolean; default: string | null };
  /** Constraints: `c` check, `f` foreign key, `p` primary key, `u` unique, `x` exclusion. Indexes: `u` when unique. */
  subtype?: string;
}

/** Every object of `public` by `kind:name`. */
export type CatalogSnapshot = ReadonlyMap<string, CatalogEntry>;

const PUBLIC = "(SELECT oid FROM pg_namespace WHERE nspname = 'public')";

// Each query returns entries whole, so all a snapshot adds is the key.
const QUERIES: Record<CatalogKind, string> = {
  table: `
    SELECT relname AS name, relname AS table, '' AS definition
      FROM pg_class WHERE relnamespace = ${PUBLIC} AND relkind IN ('r', 'p')`,
  column: `
    SELECT c.relname || '.' || a.attname AS name, c.relname AS table,
           json_build_object('type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
                             'default', pg_get_expr(d.adbin, d.adrelid)) AS column
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relnamespace = ${PUBLIC} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  // NOT NULL is a column's property here: PostgreSQL 18 also lists it as a constraint ('n'), 15 does not.
  constraint: `
    SELECT c.relname || '.' || k.conname AS name, c.relname AS table, k.contype::text AS subtype,
           pg_get_constraintdef(k.oid) AS definition
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     WHERE c.relnamespace = ${PUBLIC} AND k.contype IN ('c', 'f', 'p', 'u', 'x')`,
  index: `
    SELECT i.relname AS name, c.relname AS table, CASE WHEN x.indisunique THEN 'u' ELSE '' END AS subtype,
           pg_get_indexdef(x.indexrelid) || CASE WHEN x.indisvalid THEN '' ELSE ' (INVALID)' END AS definition
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
     WHERE c.relnamespace = ${PUBLIC}`,
  trigger: `
    SELECT c.relname || '.' || t.tgname AS name, c.relname AS table,
           pg_get_triggerdef(t.oid) || CASE WHEN t.tgenabled = 'D' THEN ' (DISABLED)' ELSE '' END AS definition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = ${PUBLIC} AND NOT t.tgisinternal`,
  // An extension's own functions (pg_trgm's) are the extension's version, not the schema's.
  function: `
    SELECT p.oid::regprocedure::text AS name, '' AS table, pg_get_functiondef(p.oid) AS definition
      FROM pg_proc p
     WHERE p.pronamespace = ${PUBLIC} AND p.prokind IN ('f', 'p')
       AND NOT EXISTS (SELECT FROM pg_depend d
                        WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
};

/**
 * Reads every table, column (type, nullability, default), constraint, index (with its
 * predicate), trigger and function of the `public` schema, each as PostgreSQL renders it,
 * so two databases can be compared object by object. Grants and extensions are not part of it.
 *
 * @example const live = await readCatalogSnapshot(client)
 */
export async function readCatalogSnapshot(client: SqlClient): Promise<CatalogSnapshot> {
  const snapshot = new Map<string, CatalogEntry>();
  for (const kind of CATALOG_KINDS) {
    const { rows } = await client.query<Omit<CatalogEntry, 'kind'>>(QUERIES[kind]);
    for (const row of rows) {
      const entry: CatalogEntry = { ...row, kind };
      if (entry.column !== undefined) entry.definition = columnDefinition(entry.column);
      snapshot.set(`${kind}:${entry.name}`, entry);
    }
  }
  return snapshot;
}

function columnDefinition(column: NonNullable<CatalogEntry['column']>): string {
  return [column.type, column.notNull ? 'NOT NULL' : 'NULL', column.default === null ? '' : `DEFAULT ${column.default}`]
    .filter(Boolean)
    .join(' ');
}

/** One object that two snapshots disagree on: absent from one side, or defined differently. */
export interface CatalogDifference {
  kind: CatalogKind;
  name: string;
  /** The object in the first snapshot (the expected one); absent when only the second has it. */
  before?: CatalogEntry;
  /** The object in the second snapshot; absent when it is missing there. */
  after?: CatalogEntry;
}

/**
 * Every object on which `before` and `after` disagree, ordered by kind and name.
 *
 * @example diffCatalogSnapshots(canonical, live) // [{ kind: 'index', name: 'idx_users_email', before: {...} }]
 */
export function diffCatalogSnapshots(before: CatalogSnapshot, after: CatalogSnapshot): CatalogDifference[] {
  const differences: CatalogDifference[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key);
    const is = after.get(key);
    if (was?.definition === is?.definition) continue;
    const entry = (was ?? is) as CatalogEntry;
    differences.push({
      kind: entry.kind,
      name: entry.name,
      ...(was === undefined ? {} : { before: was }),
      ...(is === undefined ? {} : { after: is }),
    });
  }
  return differences.sort(
    (a, b) => CATALOG_KINDS.indexOf(a.kind) - CATALOG_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
}
