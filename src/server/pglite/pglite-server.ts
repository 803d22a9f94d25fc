import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type DataDirLock, lockDataDir } from '../../db/data-dir-lock.js';
import { CutxDbError } from '../../db/errors.js';
import { type CutxDb, openDb } from '../../db/open.js';
import { connectionUrl } from '../connection-url.js';
import type { DbServer, ResolvedServerOptions } from '../db-server-options.js';
import { withSessionAffinity } from './session-affinity.js';

/**
 * Locks the data directory, opens it with the schema applied, and serves it to many
 * clients at once through `@electric-sql/pglite-socket`. Their statements take turns on
 * the one PGlite connection; a client inside a transaction keeps it until COMMIT or
 * ROLLBACK, so the others wait rather than see uncommitted rows.
 */
export async function startPgliteServer(options: ResolvedServerOptions): Promise<DbServer> {
  const lock: DataDirLock | undefined =
    options.dataDir === undefined ? undefined : lockDataDir(options.dataDir, 'cutx-db serve');
  let db: CutxDb | undefined;
  try {
    db = await openDb(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
    const server = new PGLiteSocketServer({
      db: withSessionAffinity(db),
      host: options.host,
      port: options.port,
      maxConnections: options.maxConnections,
    });
    let port = options.port;
    server.addEventListener('listening', (event) => {
      port = (event as CustomEvent<{ port: number }>).detail.port;
    });
    await server.start().catch((error: unknown) => {
      throw listenError(error, options);
    });
    const opened = db;
    return {
      url: connectionUrl(options.host, port, options.password),
      engine: 'pglite',
      async stop() {
        try {
          await server.stop();
          await opened.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    await db?.close();
    lock?.release();
    throw error;
  }
}

const listenHints: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use; pass another --port, or 0 for any free one',
  EADDRNOTAVAIL: 'no network interface has that address; pass a local --host such as 127.0.0.1',
  EACCES: 'ports below 1024 need privileges; pass a --port above 1023',
};

function listenError(error: unknown, options: ResolvedServerOptions): unknown {
  const hint = listenHints[(error as NodeJS.ErrnoException).code ?? ''];
  if (hint === undefined) return error;
  return new CutxDbError('invalid_input', `Cannot listen on ${options.host}:${options.port}: ${hint}.`, {
    cause: error,
  });
}
