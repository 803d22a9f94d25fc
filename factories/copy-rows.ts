import { BytesBlob } from '../src/db/bytes-blob.js';
import type { SqlClient } from '../src/db/sql-client.js';
import type { TableDef } from '../src/rows/tables.js';
import { toCopyBytes } from './copy-text.js';
import { quote } from './sql-text.js';

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

/** Loads bytes (as `toCopyBytes` writes them) with one COPY; returns nothing, as COPY does. */
export async function copyBytes(client: BlobCopyClient, def: TableDef, columns: readonly string[], bytes: Uint8Array) {
  await client.query(`COPY ${quote(def.name)} (${columns.map(quote).join(', ')}) FROM '/dev/blob'`, [], {
    blob: new BytesBlob(bytes, 'text/plain'),
  });
}

/** Writes rows with one COPY from a Blob (PGlite only); returns nothing, as COPY does. */
export async function copyRows(client: BlobCopyClient, def: TableDef, columns: string[], rows: readonly Values[]) {
  await copyBytes(client, def, columns, toCopyBytes(def, columns, rows));
}
