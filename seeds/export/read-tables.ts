import type { SqlClient } from '../../src/db/sql-client.js';
import type { TableName } from '../../src/rows/tables.js';
import { foreignKeyOrder } from '../table-order.js';

/** A column as the catalog describes it. */
export interface ColumnInfo {
  name: string;
  /** information_schema's data_type: `integer`, `jsonb`, `ARRAY`, ... */
  type: string;
}

/** One table's rows, each as PostgreSQL renders it: JSON, and every column as text. */
export interface TableDump {
  table: TableName;
  columns: ColumnInfo[];
  rows: { json: string; values: (string | null)[] }[];
}

// The server renders every value, so what is written is exactly what is stored (timestamps
// keep their microseconds, jsonb its canonical key order), and the session settings below
// make that rendering the same on every machine.
const RENDERING = `
  SET TimeZone = 'UTC';
  SET DateStyle = 'ISO, YMD';
  SET bytea_output = 'hex';`;

/**
 * Reads every table in foreign-key order, its columns in catalog order and its rows by id,
 * as text the server rendered: the same database always reads back byte for byte the same.
 */
export async function readTables(client: SqlClient): Promise<TableDump[]> {
  await client.exec(RENDERING);
  // Every table's columns in one query, not one per table.
  const { rows: catalog } = await client.query<ColumnInfo & { table: string }>(
    `SELECT table_name AS table, column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const dumps: TableDump[] = [];
  for (const table of await foreignKeyOrder(client)) {
    const columns = catalog.filter((column) => column.table === table).map(({ name, type }) => ({ name, type }));
    // Identifiers come from the catalog and the fixed table list, quoted.
    const values = columns.map((column) => `t."${column.name}"::text`).join(', ');
    const { rows } = await client.query<{ json: string; values: (string | null)[] }>(
      `SELECT row_to_json(t)::text AS json, ARRAY[${values}] AS values FROM "${table}" t ORDER BY t.id`,
    );
    dumps.push({ table, columns, rows });
  }
  return dumps;
}
