import { toCutxDbError } from '../src/db/errors.js';
import type { SqlClient } from '../src/db/sql-client.js';
import type { TableDef } from '../src/rows/define-table.js';

type Values = Record<string, unknown>;

/**
 * How rows reach the database: one statement either way, never a round trip per row.
 * 'unnest' (INSERT ... SELECT FROM unnest(...) RETURNING *) is the default on every client:
 * measured on PGlite (bench/factories.ts) it beats COPY, because COPY returns nothing and
 * the rows must then be read back with a second query. 'copy' needs a PGlite instance and
 * falls back to 'unnest' elsewhere.
 */
export type InsertMethod = 'unnest' | 'copy';

/** PGlite can stream a COPY from a Blob; a `pg` client (or a PGlite transaction) cannot. */
export interface BlobCopyClient extends SqlClient {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: { blob?: Blob },
  ): Promise<{ rows: Row[] }>;
  dumpDataDir: unknown;
}

function canCopyFromBlob(client: SqlClient): client is BlobCopyClient {
  return typeof (client as Partial<BlobCopyClient>).dumpDataDir === 'function';
}

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** A value as PostgreSQL's text input for a column of `sqlType`. */
function toText(value: unknown, sqlType: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (sqlType === 'jsonb') return JSON.stringify(value);
  if (Array.isArray(value)) return arrayLiteral(value as string[]);
  return String(value);
}

const quote = (identifier: string) => `"${identifier}"`;

function csvField(text: string | null): string {
  return text === null ? '' : `"${text.replaceAll('"', '""')}"`;
}

async function insertByUnnest(client: SqlClient, def: TableDef, columns: string[], rows: Values[]): Promise<Values[]> {
  const types = columns.map((column) => def.columns[column]?.sqlType ?? 'text');
  const params = columns.map((column, i) => rows.map((row) => toText(row[column], types[i] ?? 'text')));
  // Every parameter travels as text[] and is cast per column: the one array type both
  // PGlite and node-postgres serialise the same way, whatever the column type.
  const sql =
    `INSERT INTO ${quote(def.name)} (${columns.map(quote).join(', ')}) ` +
    `SELECT ${columns.map((column, i) => `u.${quote(column)}::${types[i]}`).join(', ')} ` +
    `FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${columns.map(quote).join(', ')}) ` +
    'RETURNING *';
  return (await client.query<Values>(sql, params)).rows;
}

/** Writes rows with one COPY from a Blob (PGlite only); returns nothing, as COPY does. */
export async function copyRows(client: BlobCopyClient, def: TableDef, columns: string[], rows: readonly Values[]) {
  const types = columns.map((column) => def.columns[column]?.sqlType ?? 'text');
  const csv = rows
    .map((row) => columns.map((column, i) => csvField(toText(row[column], types[i] ?? 'text'))).join(','))
    .join('\n');
  await client.query(
    `COPY ${quote(def.name)} (${columns.map(quote).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`,
    [],
    { blob: new Blob([csv]) },
  );
}

async function insertByCopy(
  client: BlobCopyClient,
  def: TableDef,
  columns: string[],
  rows: Values[],
): Promise<Values[]> {
  await copyRows(client, def, columns, rows);
  const ids = rows.map((row) => row.id);
  return (await client.query<Values>(`SELECT * FROM ${quote(def.name)} WHERE id = ANY($1::uuid[])`, [ids])).rows;
}

/**
 * Inserts rows (each with an `id`) in one statement per set of columns, and returns them as
 * the database read them back, in the order given. Rows that leave a column out get its
 * default, so rows are grouped by the columns they set.
 */
export async function insertRows(
  client: SqlClient,
  def: TableDef,
  rows: readonly Values[],
  method: InsertMethod = 'unnest',
): Promise<Values[]> {
  const groups = new Map<string, Values[]>();
  for (const row of rows) {
    const key = Object.keys(row)
      .filter((column) => row[column] !== undefined)
      .join(',');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  const byId = new Map<unknown, Values>();
  for (const [key, group] of groups) {
    const columns = key.split(',');
    try {
      const inserted =
        method === 'copy' && canCopyFromBlob(client)
          ? await insertByCopy(client, def, columns, group)
          : await insertByUnnest(client, def, columns, group);
      for (const row of inserted) byId.set(row.id, row);
    } catch (error) {
      throw toCutxDbError(error, `insert into ${def.name} (${group.length} rows)`);
    }
  }
  return rows.map((row) => byId.get(row.id) as Values);
}
