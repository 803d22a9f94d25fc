import { toCutxDbError } from '../src/db/errors.js';
import { toHex } from '../src/db/hex.js';
import type { SqlClient } from '../src/db/sql-client.js';
import type { TableDef } from '../src/rows/tables.js';

type Values = Record<string, unknown>;

/** Rows per statement, so a long list never becomes one huge JSON parameter. */
const CHUNK_ROWS = 5_000;

const quote = (identifier: string) => `"${identifier}"`;

/** A Date's local calendar day, 'YYYY-MM-DD': a `date` reads as local midnight (type policy). */
function localDay(date: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/**
 * A value as JSON can carry it to `json_populate_recordset`, which reads each field with
 * the column type's own input function. Only what JSON.stringify cannot write as that input
 * needs a change: bytes (bytea reads `\x` hex), a JS bigint, and a Date in a `date` column
 * (its UTC ISO text could name the day before).
 */
function toJsonField(value: unknown, type: string): unknown {
  if (value instanceof Uint8Array) return `\\x${toHex(value)}`;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date && type === 'date') return localDay(value);
  return value;
}

const needsConversion = new Set(['bytea', 'bigint', 'date']);

async function insertGroup(client: SqlClient, def: TableDef, columns: string[], rows: Values[]): Promise<Values[]> {
  const converted = columns.filter((column) => needsConversion.has(def.columns[column]?.type ?? ''));
  const payload =
    converted.length === 0
      ? rows
      : rows.map((row) => {
          const copy = { ...row };
          for (const column of converted) copy[column] = toJsonField(row[column], def.columns[column]?.type ?? '');
          return copy;
        });
  const list = columns.map(quote).join(', ');
  // One statement on every engine: PostgreSQL parses the rows from one JSON parameter and
  // returns them as it stored them (defaults, triggers and its own normal forms applied).
  const sql =
    `INSERT INTO ${quote(def.name)} (${list}) ` +
    `SELECT ${list} FROM json_populate_recordset(NULL::${quote(def.name)}, $1::json) RETURNING *`;
  return (await client.query<Values>(sql, [JSON.stringify(payload)])).rows;
}

// A uuid is returned in lower case, however it was written.
const idKey = (id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id);

/**
 * Inserts rows (each with an `id`) and returns them as the database stored them, in the
 * order given. A column a row leaves out (undefined) gets its default, so rows are sent in
 * groups by the columns they set, each group in statements of at most CHUNK_ROWS rows.
 *
 * @example const [stored] = await insertRows(db, tables.users, [{ id, email }])
 */
export async function insertRows(client: SqlClient, def: TableDef, rows: readonly Values[]): Promise<Values[]> {
  const groups = new Map<string, { columns: string[]; rows: Values[] }>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((column) => row[column] !== undefined);
    const key = columns.join(',');
    const group = groups.get(key) ?? { columns, rows: [] };
    groups.set(key, group);
    group.rows.push(row);
  }
  const byId = new Map<unknown, Values>();
  for (const { columns, rows: grouped } of groups.values()) {
    for (let start = 0; start < grouped.length; start += CHUNK_ROWS) {
      const chunk = grouped.slice(start, start + CHUNK_ROWS);
      try {
        for (const row of await insertGroup(client, def, columns, chunk)) byId.set(idKey(row.id), row);
      } catch (error) {
        throw toCutxDbError(error, `insert into ${def.name} (${chunk.length} rows)`);
      }
    }
  }
  return rows.map((row) => byId.get(idKey(row.id)) as Values);
}
