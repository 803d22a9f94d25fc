import { toCutxDbError } from '../src/db/errors.js';
import type { SqlClient } from '../src/db/sql-client.js';
import type { TableDef } from '../src/rows/tables.js';
import { type BlobCopyClient, canCopyFromBlob, copyRows } from './copy-rows.js';
import { readBack } from './read-back.js';
import { quote, toText } from './sql-text.js';
import { type RewriteCheck, readsAsWritten, rewritesInsertedRows } from './stored-as-written.js';

type Values = Record<string, unknown>;

/**
 * How rows reach the database: one statement either way, never a round trip per row.
 * - 'copy' (the default where the client can: PGlite and its transactions): one COPY from
 *   a Blob, then one read-back by id. Measured by bench/bulk-insert.ts, this is about twice
 *   as fast as 'unnest' on PGlite: the INSERT pays for its text[] parameters and for
 *   decoding the RETURNING rows one by one, which the JSON read-back avoids.
 * - 'unnest' (INSERT ... SELECT FROM unnest(...) RETURNING *): portable, the default on a
 *   `pg` client; 'copy' falls back to it where COPY from a Blob is not possible.
 */
export type InsertMethod = 'unnest' | 'copy';

// A uuid reads back in lower case, however it was written.
const idKey = (id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id);

function hasExactly(row: Values, columns: readonly string[]): boolean {
  let set = 0;
  for (const column in row) if (row[column] !== undefined) set++;
  return set === columns.length && columns.every((column) => row[column] !== undefined);
}

async function insertByUnnest(client: SqlClient, def: TableDef, columns: string[], rows: Values[]): Promise<Values[]> {
  const types = columns.map((column) => def.columns[column]?.type ?? 'text');
  const params = columns.map((column, i) => rows.map((row) => toText(row[column], types[i] as string)));
  // Every parameter travels as text[] and is cast per column: the one array type both
  // PGlite and node-postgres serialise the same way, whatever the column type.
  const sql =
    `INSERT INTO ${quote(def.name)} (${columns.map(quote).join(', ')}) ` +
    `SELECT ${columns.map((column, i) => `u.${quote(column)}::${types[i]}`).join(', ')} ` +
    `FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${columns.map(quote).join(', ')}) ` +
    'RETURNING *';
  return (await client.query<Values>(sql, params)).rows;
}

async function insertByCopy(
  client: BlobCopyClient,
  def: TableDef,
  columns: string[],
  rows: Values[],
  rewrites: RewriteCheck,
): Promise<Values[]> {
  await copyRows(client, def, columns, rows);
  // Reading 10k rows back costs about half as much as the COPY that wrote them; when the
  // database cannot have changed a value, the rows written are the rows a read returns.
  if (readsAsWritten(def, columns, rows) && !(await rewrites(client, def))) return rows;
  return readBack(
    client,
    def,
    rows.map((row) => row.id),
  );
}

/**
 * Inserts rows (each with an `id`) in one statement per set of columns, and returns them as
 * a read of the database returns them, in the order given. Rows that leave a column out get
 * its default, so rows are grouped by the columns they set. `rewrites` says whether the
 * table's triggers may change a row as it is inserted (then it is read back).
 */
export async function insertRows(
  client: SqlClient,
  def: TableDef,
  rows: readonly Values[],
  method: InsertMethod = 'copy',
  rewrites: RewriteCheck = rewritesInsertedRows,
): Promise<Values[]> {
  const groups = new Map<string, { columns: string[]; rows: Values[] }>();
  let last: { columns: string[]; rows: Values[] } | undefined;
  for (const row of rows) {
    // Rows mostly come in runs of one shape: checking a row against the last one's columns
    // costs less than naming its own.
    if (last !== undefined && hasExactly(row, last.columns)) {
      last.rows.push(row);
      continue;
    }
    const columns = Object.keys(row).filter((column) => row[column] !== undefined);
    const key = columns.join(',');
    last = groups.get(key) ?? { columns, rows: [] };
    groups.set(key, last);
    last.rows.push(row);
  }
  const copy = method === 'copy' && canCopyFromBlob(client);
  const byId = new Map<unknown, Values>();
  for (const group of groups.values()) {
    try {
      const inserted = copy
        ? await insertByCopy(client, def, group.columns, group.rows, rewrites)
        : await insertByUnnest(client, def, group.columns, group.rows);
      // One group stored as written is already the rows in the order given.
      if (groups.size === 1 && inserted === group.rows) return inserted;
      for (const row of inserted) byId.set(idKey(row.id), row);
    } catch (error) {
      throw toCutxDbError(error, `insert into ${def.name} (${group.rows.length} rows)`);
    }
  }
  return rows.map((row) => byId.get(idKey(row.id)) as Values);
}
