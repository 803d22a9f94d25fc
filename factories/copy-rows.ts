import { BytesBlob } from '../src/db/bytes-blob.js';
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

// COPY's text format: tab-separated, \N for NULL, and a backslash escape for the four
// characters that would end a field or a line. Most values contain none, and are kept.
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeChar = (char: string) => ESCAPED[char] as string;

function textField(value: unknown, sqlType: string): string {
  if (value === null || value === undefined) return '\\N';
  const text = toText(value, sqlType) as string;
  // Numbers and instants print no special character: most fields skip the search.
  if (typeof value === 'number' || value instanceof Date) return text;
  return SPECIAL.test(text) ? text.replace(SPECIALS, escapeChar) : text;
}

/** Rows as COPY's text-format input for `columns`, one line per row. */
export function toCopyText(def: TableDef, columns: readonly string[], rows: readonly Values[]): string {
  const types = columns.map((column) => def.columns[column]?.sqlType ?? 'text');
  // Joined rather than concatenated: one flat string, which the UTF-8 encoder reads without
  // first flattening a rope of every field.
  const fields = new Array<string>(columns.length);
  const lines = new Array<string>(rows.length + 1);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Values;
    for (let i = 0; i < columns.length; i++) fields[i] = textField(row[columns[i] as string], types[i] as string);
    lines[r] = fields.join('\t');
  }
  lines[rows.length] = '';
  return lines.join('\n');
}

const encoder = new TextEncoder();

/** Loads text (as `toCopyText` makes it) with one COPY; returns nothing, as COPY does. */
export async function copyText(client: BlobCopyClient, def: TableDef, columns: readonly string[], text: string) {
  await client.query(`COPY ${quote(def.name)} (${columns.map(quote).join(', ')}) FROM '/dev/blob'`, [], {
    blob: new BytesBlob(encoder.encode(text), 'text/plain'),
  });
}

/** Writes rows with one COPY from a Blob (PGlite only); returns nothing, as COPY does. */
export async function copyRows(client: BlobCopyClient, def: TableDef, columns: string[], rows: readonly Values[]) {
  await copyText(client, def, columns, toCopyText(def, columns, rows));
}
