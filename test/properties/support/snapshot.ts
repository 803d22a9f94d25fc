import type { SqlClient } from '../../../src/db/sql-client.js';
import { type TableName, tableNames } from '../../../src/rows/tables.js';

/** Every row of every table, as jsonb, by table and in id order. */
export type Snapshot = Record<TableName, Record<string, unknown>[]>;

// One statement for every table: a snapshot costs one round trip, not one per table.
const SNAPSHOT_SQL = `SELECT jsonb_build_object(${tableNames
  .map((name) => `'${name}', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.id), '[]') FROM ${name} t)`)
  .join(', ')}) AS snapshot`;

/** A full snapshot of the database, to compare before and after a statement. */
export async function snapshot(db: SqlClient): Promise<Snapshot> {
  const { rows } = await db.query<{ snapshot: Snapshot }>(SNAPSHOT_SQL);
  return rows[0]?.snapshot as Snapshot;
}
