import type { SqlClient } from '../src/db/sql-client.js';
import type { TableDef } from '../src/rows/define-table.js';
import { quote, toText } from './sql-text.js';

type Values = Record<string, unknown>;

/** A client that can stream a COPY from a Blob: PGlite, or a transaction of PGlite. */
export interface BlobCopyClient extends SqlClient {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: { blob?: Blob },
  ): Promise<{ rows: Row[] }>;
}

/**
 * PGlite and its transactions take a Blob for COPY ... FROM '/dev/blob'; a `pg` client (or
 * `fromPg`) cannot, and on a server that path would name a server file. Both PGlite objects,
 * and nothing `fromPg` or node-postgres makes, carry the `sql` tag and `listen`.
 */
export function canCopyFromBlob(client: SqlClient): client is BlobCopyClient {
  const candidate = client as Partial<Record<'sql' | 'listen', unknown>>;
  return typeof candidate.sql === 'function' && typeof candidate.listen === 'function';
}

// Every value is quoted, so an empty string stays '' and only an empty field is NULL.
function csvField(text: string | null): string {
  return text === null ? '' : `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

/** Rows as COPY's CSV input for `columns`, one line per row. */
export function toCsv(def: TableDef, columns: readonly string[], rows: readonly Values[]): string {
  const types = columns.map((column) => def.columns[column]?.sqlType ?? 'text');
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Values;
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += ',';
      line += csvField(toText(row[columns[i] as string], types[i] as string));
    }
    lines[r] = line;
  }
  return lines.join('\n');
}

/** Loads CSV (as `toCsv` makes it) with one COPY; returns nothing, as COPY does. */
export async function copyCsv(client: BlobCopyClient, def: TableDef, columns: readonly string[], csv: string) {
  await client.query(
    `COPY ${quote(def.name)} (${columns.map(quote).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`,
    [],
    { blob: new Blob([csv]) },
  );
}

/** Writes rows with one COPY from a Blob (PGlite only); returns nothing, as COPY does. */
export async function copyRows(client: BlobCopyClient, def: TableDef, columns: string[], rows: readonly Values[]) {
  await copyCsv(client, def, columns, toCsv(def, columns, rows));
}
