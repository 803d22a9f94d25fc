import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from '../db/data-dir-lock.js';
import { CutxDbError } from '../db/errors.js';
import { type CutxDb, openDb } from '../db/open.js';
import { withSessionAffinity } from './session-affinity.js';

export interface DbServerOptions {
  dataDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Client connections open at once; the server drops the ones beyond. */
  maxConnections: number;
}

/** A CutX database served over the PostgreSQL protocol. */
export interface DbServer {
  /** What a client connects with, as in `psql "$DATABASE_URL"` or `new pg.Pool({ connectionString })`. */
  databaseUrl: string;
  /** Stops accepting clients, closes the database (committed data is on disk) and unlocks its directory. */
  close(): Promise<void>;
}

/**
 * Locks the data directory, opens it with the schema applied, and serves it to many
 * clients at once through `@electric-sql/pglite-socket`. Their statements take turns on
 * the one PGlite connection; a client inside a transaction keeps it until COMMIT or
 * ROLLBACK, so the others wait rather than see uncommitted rows.
 *
 * @example const server = await startDbServer({ dataDir: '.cutx/pglite', host: '127.0.0.1', port: 5432, maxConnections: 32 })
 */
export async function startDbServer(options: DbServerOptions): Promise<DbServer> {
  const lock = lockDataDir(options.dataDir, 'cutx-db serve');
  let db: CutxDb | undefined;
  try {
    db = await openDb({ dataDir: options.dataDir });
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
      databaseUrl: `postgresql://postgres:postgres@${urlHost(options.host)}:${port}/postgres?sslmode=disable`,
      async close() {
        try {
          await server.stop();
          await opened.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await db?.close();
    lock.release();
    throw error;
  }
}

/** The host a client on this machine dials: a wildcard bind is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

const listenHints: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use; pass another --port, or 0 for any free one',
  EADDRNOTAVAIL: 'no network interface has that address; pass a local --host such as 127.0.0.1',
  EACCES: 'ports below 1024 need privileges; pass a --port above 1023',
};

function listenError(error: unknown, options: DbServerOptions): unknown {
  const hint = listenHints[(error as NodeJS.ErrnoException).code ?? ''];
  if (hint === undefined) return error;
  return new CutxDbError('invalid_input', `Cannot listen on ${options.host}:${options.port}: ${hint}.`, {
    cause: error,
  });
}
