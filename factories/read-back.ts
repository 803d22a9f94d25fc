import { types } from '@electric-sql/pglite';
import { pgliteOptions } from '../src/db/pglite-options.js';
import type { SqlClient } from '../src/db/sql-client.js';
import type { TableDef } from '../src/rows/tables.js';
import { quote } from './sql-text.js';

type Values = Record<string, unknown>;

// Types whose JSON form (to_json) is exactly what a query returns for them on PGlite and
// through `fromPg`: strings, int4, booleans, jsonb's own value, text[] as a string array.
const JSON_NATIVE = new Set(['uuid', 'text', 'inet', 'boolean', 'integer', 'jsonb', 'text[]', 'currency_code']);
// Types read as their text output and parsed by the very parser a query applies (by OID).
const PARSED_FROM_TEXT: Record<string, number> = {
  bigint: types.INT8,
  bytea: types.BYTEA,
  date: types.DATE,
  'timestamp with time zone': types.TIMESTAMPTZ,
};

interface Reader {
  sql: string;
  columns: readonly string[];
  parse: readonly ((value: unknown) => unknown)[];
}

const readers = new WeakMap<TableDef, Reader | null>();

/**
 * How to read `def`'s rows as one JSON document, or null when a column has a type this file
 * does not know the JSON form of (then a plain SELECT is used).
 */
function readerOf(def: TableDef): Reader | null {
  if (readers.has(def)) return readers.get(def) ?? null;
  const columns = Object.keys(def.columns);
  const parse: ((value: unknown) => unknown)[] = [];
  const fields: string[] = [];
  let known = true;
  for (const column of columns) {
    const sqlType = def.columns[column]?.type ?? '';
    const oid = PARSED_FROM_TEXT[sqlType];
    if (oid !== undefined) {
      fields.push(`t.${quote(column)}::text`);
      parse.push((value) => types.parseType(value as string | null, oid, pgliteOptions.parsers));
    } else if (JSON_NATIVE.has(sqlType)) {
      fields.push(`t.${quote(column)}`);
      parse.push((value) => value);
    } else known = false;
  }
  const reader = known
    ? {
        sql: `SELECT json_agg(json_build_array(${fields.join(', ')}))::text AS rows FROM ${quote(def.name)} t WHERE t.id = ANY($1::uuid[])`,
        columns,
        parse,
      }
    : null;
  readers.set(def, reader);
  return reader;
}

/**
 * Reads rows back by id, as a query would return them, in any order. On PGlite, decoding
 * a wide result row by row costs more than the COPY that wrote it; one JSON document,
 * decoded by JSON.parse, costs about a third, and each value still goes through the same
 * parser (by type OID) that a query applies.
 */
export async function readBack(client: SqlClient, def: TableDef, ids: readonly unknown[]): Promise<Values[]> {
  const reader = readerOf(def);
  if (reader === null) {
    return (await client.query<Values>(`SELECT * FROM ${quote(def.name)} WHERE id = ANY($1::uuid[])`, [ids])).rows;
  }
  const { rows } = await client.query<{ rows: string | null }>(reader.sql, [ids]);
  const tuples = JSON.parse(rows[0]?.rows ?? '[]') as unknown[][];
  const { columns, parse } = reader;
  return tuples.map((tuple) => {
    const row: Values = {};
    for (let i = 0; i < columns.length; i++) {
      row[columns[i] as string] = (parse[i] as (value: unknown) => unknown)(tuple[i]);
    }
    return row;
  });
}
