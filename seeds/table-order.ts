import { CutxDbError } from '../src/db/errors.js';
import type { SqlClient } from '../src/db/sql-client.js';
import { type TableName, tableNames } from '../src/rows/tables.js';

export { tableNames };

/**
 * The tables in foreign-key order, read from the catalog: every table comes after the
 * tables it references, ties kept in `tables` order, so the order is stable. (The `tables`
 * list itself puts credit_transactions before the generation_jobs it references.)
 */
export async function foreignKeyOrder(client: SqlClient): Promise<TableName[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`,
  );
  const ordered: TableName[] = [];
  const placed = new Set<string>();
  while (ordered.length < tableNames.length) {
    const next = tableNames.find(
      (table) => !placed.has(table) && rows.every((fk) => fk.child !== table || placed.has(fk.parent)),
    );
    // The schema has no reference cycles; a new one must be broken in the schema, not here.
    if (next === undefined) {
      const left = tableNames.filter((table) => !placed.has(table)).join(', ');
      throw new CutxDbError('database_error', `Foreign keys form a cycle among ${left}; seeds cannot order them.`);
    }
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

// One statement each over every table, written once. Table names come from the fixed
// `tables` list, never from input.
const COUNT_ROWS = tableNames
  .map((table) => `SELECT '${table}' AS "table", count(*)::int AS n FROM "${table}"`)
  .join(' UNION ALL ');
const HEAP_BYTES = `SELECT (${tableNames.map((table) => `pg_relation_size('"${table}"')`).join(' + ')})::text AS bytes`;

/** Rows per table, in `tables` order, with one query. */
export async function countRows(client: SqlClient): Promise<Record<TableName, number>> {
  const { rows } = await client.query<{ table: TableName; n: number }>(COUNT_ROWS);
  const counts = Object.fromEntries(tableNames.map((table) => [table, 0])) as Record<TableName, number>;
  for (const row of rows) counts[row.table] = row.n;
  return counts;
}

/**
 * Whether every table's heap is zero bytes long: then no table holds a row, and counting
 * them can be skipped (on a new database 6 ms against 19 for countRows). A table that ever
 * held a row may keep its pages when empty, so false means "count", not "not empty".
 */
export async function noTableHasPages(client: SqlClient): Promise<boolean> {
  const { rows } = await client.query<{ bytes: string }>(HEAP_BYTES);
  return rows[0]?.bytes === '0';
}

/** The sum of a count table's values. */
export function totalRows(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
