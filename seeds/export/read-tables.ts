import type { SqlClient } from '../../src/db/sql-client.js';
import { type TableName, tableNames } from '../../src/rows/tables.js';

/** A column as the catalog describes it. */
export interface ColumnInfo {
  name: string;
  /** information_schema's data_type: `integer`, `jsonb`, `ARRAY`, ... */
  type: string;
}

/** A table and its columns in catalog order. */
export interface TableShape {
  table: TableName;
  columns: ColumnInfo[];
}

/** One row as PostgreSQL renders it: JSON in the export's encoding, and every column as text. */
export interface RenderedRow {
  json: string;
  values: (string | null)[];
}

// The server renders every value, so what is written is exactly what is stored (timestamps
// keep their microseconds, jsonb its canonical key order), and the session settings below
// make that rendering the same on every machine.
const RENDERING = `
  SET TimeZone = 'UTC';
  SET DateStyle = 'ISO, YMD';
  SET bytea_output = 'hex';`;

/**
 * Sets the session's rendering and lists every table in foreign-key order with its columns
 * in catalog order: what `readPages` reads, in the order an export writes it.
 */
export async function exportTables(client: SqlClient): Promise<TableShape[]> {
  await client.exec(RENDERING);
  // Every table's columns in one query, not one per table.
  const { rows: catalog } = await client.query<ColumnInfo & { table: string }>(
    `SELECT table_name AS table, column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  return tableNames.map((table) => ({
    table,
    columns: catalog.filter((column) => column.table === table).map(({ name, type }) => ({ name, type })),
  }));
}

// The JSON files' encodings (docs/seeds.md, "Export format"): values JSON numbers cannot
// carry exactly as strings, every instant in one fixed form. Keyed by information_schema's
// data_type; any other type is written as row_to_json writes it.
const JSON_ENCODING: Readonly<Record<string, (column: string) => string>> = {
  bigint: (column) => `${column}::text`,
  numeric: (column) => `${column}::text`,
  'timestamp with time zone': (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  date: (column) => `to_char(${column}, 'YYYY-MM-DD')`,
  bytea: (column) => `'\\x' || encode(${column}, 'hex')`,
};

/** The SELECT list of a table's JSON encoding: each column under its own name. */
function encodedColumns(columns: readonly ColumnInfo[]): string {
  return columns
    .map(({ name, type }) => {
      const column = `t."${name}"`;
      const encode = JSON_ENCODING[type];
      return encode === undefined ? column : `${encode(column)} AS "${name}"`;
    })
    .join(', ');
}

/**
 * A table's rows by id, `pageRows` at a time, as text the server rendered (after
 * `exportTables` set the rendering): the same database always reads back byte for byte the
 * same, and only one page is held at once. Every table's primary key is `id`, so the keyset
 * (`id > last`) neither skips nor repeats a row.
 */
export async function* readPages({ table, columns }: TableShape, client: SqlClient, pageRows: number) {
  // Identifiers come from the catalog and the fixed table list, quoted.
  const values = columns.map((column) => `t."${column.name}"::text`).join(', ');
  const json = `(SELECT row_to_json(e) FROM (SELECT ${encodedColumns(columns)}) e)::text AS json`;
  const select = `SELECT t.id::text AS id, ${json}, ARRAY[${values}] AS values FROM "${table}" t`;
  const after = `${select} WHERE t.id > $2`;
  let last: string | undefined;
  for (;;) {
    const { rows } = await client.query<RenderedRow & { id: string }>(
      `${last === undefined ? select : after} ORDER BY t.id LIMIT $1`,
      last === undefined ? [pageRows] : [pageRows, last],
    );
    if (rows.length > 0) yield rows;
    if (rows.length < pageRows) return;
    last = rows.at(-1)?.id;
  }
}
