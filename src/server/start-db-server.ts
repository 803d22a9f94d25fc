import { type DbServer, type DbServerOptions, resolveServerOptions } from './db-server-options.js';
import { startPgliteServer } from './pglite/pglite-server.js';
import { startPostgresServer } from './postgres/postgres-server.js';

/**
 * Starts a CutX database on a PostgreSQL port, with the schema applied, and resolves
 * once clients can connect. `engine: 'postgres'` is a real PostgreSQL 15 (production's
 * behaviour); `engine: 'pglite'` needs no binary (one embedded session shared the way a
 * transaction-mode pool shares a connection). docs/cli.md (`cutx-db serve`) compares them.
 *
 * @example const server = await startDbServer({ engine: 'postgres' }); process.env.DATABASE_URL = server.url; ... await server.stop()
 */
export async function startDbServer(options: DbServerOptions): Promise<DbServer> {
  const resolved = resolveServerOptions(options);
  return resolved.engine === 'postgres' ? startPostgresServer(resolved) : startPgliteServer(resolved);
}
