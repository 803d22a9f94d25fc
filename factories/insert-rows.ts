import { toCutxDbError } from '../src/db/errors.js';
import { toHex } from '../src/db/hex.js';
import type { SqlClient } from '../src/db/sql-client.js';
import { metadata } from '../src/rows/generated/metadata.js';
import type { TableDef } from '../src/rows/tables.js';

type Values = Record<string, unknown>;

/** Rows per statement, so a long list never becomes one huge JSON parameter. */
const CHUNK_ROWS = 5_000;

/** The returned column that says a BEFORE INSERT trigger the metadata does not know is on the table. */
const UNKNOWN_TRIGGER = 'cutx_unknown_trigger';

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

function payloadOf(def: TableDef, columns: readonly string[], rows: readonly Values[]): string {
  const converted = columns.filter((column) => needsConversion.has(def.columns[column]?.type ?? ''));
  if (converted.length === 0) return JSON.stringify(rows);
  return JSON.stringify(
    rows.map((row) => {
      const copy = { ...row };
      for (const column of converted) copy[column] = toJsonField(row[column], def.columns[column]?.type ?? '');
      return copy;
    }),
  );
}

/**
 * What the INSERT reads back: every column, or (when the caller says which values may not
 * be in their stored form) the id, those columns, the columns the database fills (left
 * out of the insert, generated, or assigned by a BEFORE INSERT trigger the metadata knows),
 * and whether the table has a BEFORE INSERT trigger the metadata does not know (one made
 * at run time), which could change any column.
 */
function returning(def: TableDef, columns: readonly string[], unsure: ReadonlySet<string> | undefined): string {
  if (unsure === undefined) return '*';
  const sent = new Set(columns);
  // A converted type's value is read back too: its JS form is the driver's (a bytea is a
  // Buffer through pg, a Uint8Array through PGlite), not the one the factory built.
  const read = Object.entries(def.columns).flatMap(([column, { filledBy, type }]) =>
    column === 'id' ||
    !sent.has(column) ||
    unsure.has(column) ||
    needsConversion.has(type) ||
    filledBy === 'trigger' ||
    filledBy === 'generated'
      ? [quote(column)]
      : [],
  );
  const known = metadata.tables[def.name as keyof typeof metadata.tables]?.beforeInsertTriggers ?? [];
  // tgtype bits 1, 2 and 4: a row-level BEFORE INSERT trigger.
  const unknownTrigger =
    `EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = '${quote(def.name)}'::regclass AND NOT t.tgisinternal ` +
    `AND (t.tgtype & 7) = 7 AND t.tgname <> ALL (ARRAY[${known.map((name) => `'${name}'`).join(', ')}]::name[]))`;
  return `${read.join(', ')}, ${unknownTrigger} AS ${UNKNOWN_TRIGGER}`;
}

async function insertGroup(
  client: SqlClient,
  def: TableDef,
  columns: string[],
  rows: Values[],
  unsure: ReadonlySet<string> | undefined,
): Promise<Values[]> {
  const list = columns.map(quote).join(', ');
  // One statement on every engine: PostgreSQL parses the rows from one JSON parameter and
  // returns what it may have stored differently (defaults, triggers and its own normal
  // forms applied).
  const sql =
    `INSERT INTO ${quote(def.name)} (${list}) ` +
    `SELECT ${list} FROM json_populate_recordset(NULL::${quote(def.name)}, $1::json) ` +
    `RETURNING ${returning(def, columns, unsure)}`;
  const read = (await client.query<Values>(sql, [payloadOf(def, columns, rows)])).rows;
  if (!read.some((row) => row[UNKNOWN_TRIGGER] === true)) {
    for (const row of read) delete row[UNKNOWN_TRIGGER];
    return read;
  }
  const ids = read.map((row) => row.id);
  return (await client.query<Values>(`SELECT * FROM ${quote(def.name)} WHERE id = ANY($1::uuid[])`, [ids])).rows;
}

// A uuid is returned in lower case, however it was written.
const idKey = (id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id);

/**
 * Inserts rows (each with an `id`) and returns them as the database stored them, in the
 * order given. A column a row leaves out (undefined) gets its default, so rows are sent in
 * groups by the columns they set, each group in statements of at most CHUNK_ROWS rows.
 *
 * Every column is read back unless `unsure` names, per row, the columns whose values may
 * not be in the form the database stores (what a caller set); the others must be, as a
 * factory's generated values are. Then only those columns and the ones the database fills
 * are read back, and the rest of each returned row is the row as given.
 *
 * @example const [stored] = await insertRows(db, tables.users, [{ id, email }])
 */
export async function insertRows(
  client: SqlClient,
  def: TableDef,
  rows: readonly Values[],
  unsure?: readonly ReadonlySet<string>[],
): Promise<Values[]> {
  const groups = new Map<string, { columns: string[]; rows: Values[]; unsure: Set<string> | undefined }>();
  rows.forEach((row, i) => {
    const columns = Object.keys(row).filter((column) => row[column] !== undefined);
    const key = columns.join(',');
    const group = groups.get(key) ?? { columns, rows: [], unsure: unsure && new Set<string>() };
    groups.set(key, group);
    group.rows.push(row);
    for (const column of unsure?.[i] ?? []) group.unsure?.add(column);
  });
  const byId = new Map<unknown, Values>();
  for (const group of groups.values()) {
    for (let start = 0; start < group.rows.length; start += CHUNK_ROWS) {
      const chunk = group.rows.slice(start, start + CHUNK_ROWS);
      try {
        for (const row of await insertGroup(client, def, group.columns, chunk, group.unsure))
          byId.set(idKey(row.id), row);
      } catch (error) {
        throw toCutxDbError(error, `insert into ${def.name} (${chunk.length} rows)`);
      }
    }
  }
  return rows.map((row) => ({ ...row, ...byId.get(idKey(row.id)) }));
}
