import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { CutxDbError } from '../../db/errors.js';
import { type CutxDb, openDb } from '../../db/open.js';
import { connectionUrl } from '../connection-url.js';
import type { DbServer, ResolvedServerOptions } from '../db-server-options.js';
import { withSessionAffinity } from './session-affinity.js';

/**
 * Opens the data directory (locked until `stop`, see `openDb`) with the schema applied, and
 * serves it (`servePglite`).
 */
export async function startPgliteServer(options: ResolvedServerOptions): Promise<DbServer> {
  let db: CutxDb | undefined;
  try {
    db = await openDb(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
    const served = await servePglite(db, options);
    const opened = db;
    return {
      ...served,
      async stop() {
        try {
          await served.stop();
        } finally {
          await opened.close();
        }
      },
    };
  } catch (error) {
    await db?.close();
    throw error;
  }
}

/** Where `servePglite` listens, and what its URL says. */
export type ServeAddress = Pick<ResolvedServerOptions, 'host' | 'port' | 'password' | 'maxConnections'>;

/**
 * Serves an open database to many clients at once through `@electric-sql/pglite-socket`.
 * Their statements take turns on the one PGlite connection; a client inside a transaction
 * keeps it until COMMIT or ROLLBACK, so the others wait rather than see uncommitted rows.
 * `stop()` stops serving and leaves the database open.
 */
export async function servePglite(db: CutxDb, address: ServeAddress): Promise<DbServer> {
  const server = new PGLiteSocketServer({
    db: withSessionAffinity(db),
    host: address.host,
    port: address.port,
    maxConnections: address.maxConnections,
  });
  let port = address.port;
  server.addEventListener('listening', (event) => {
    port = (event as CustomEvent<{ port: number }>).detail.port;
  });
  await server.start().catch((error: unknown) => {
    throw listenError(error, address);
  });
  return { url: connectionUrl(address.host, port, address.password), engine: 'pglite', stop: () => server.stop() };
}

const listenHints: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use; pass another --port, or 0 for any free one',
  EADDRNOTAVAIL: 'no network interface has that address; pass a local --host such as 127.0.0.1',
  EACCES: 'ports below 1024 need privileges; pass a --port above 1023',
};

function listenError(error: unknown, options: ServeAddress): unknown {
  const hint = listenHints[(error as NodeJS.ErrnoException).code ?? ''];
  if (hint === undefined) return error;
  return new CutxDbError('invalid_input', `Cannot listen on ${options.host}:${options.port}: ${hint}.`, {
    cause: error,
  });
}
