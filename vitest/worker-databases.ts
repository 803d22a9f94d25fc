import { inject } from 'vitest';
import type { CutxDb } from '../src/db/open.js';
import type { TransactionalClient } from '../src/db/sql-client.js';
import { resolveServerOptions } from '../src/server/db-server-options.js';
import { servePglite } from '../src/server/pglite/pglite-server.js';
import { createIsolatedDb } from '../src/testing/isolated-db.js';
import { createIsolatedPgDb } from '../src/testing/pg-test-db.js';
import './provided-context.js';

/** A migrated database of this worker's, reset between tests, and reachable over the wire. */
export interface WorkerDb {
  /** The embedded database; undefined with the postgres engine, whose database is on the server. */
  readonly pglite: CutxDb | undefined;
  /** What factories write through, on either engine. */
  readonly client: TransactionalClient;
  /** `postgresql://...` for a service's own driver (pg, postgres.js, Drizzle, Kysely). */
  readonly url: string;
  /** Empties every table written since the last reset. */
  reset(): Promise<void>;
}

/** A worker database held by one test until `release()` resets it for the next. */
export interface WorkerDbLease {
  readonly workerDb: WorkerDb;
  release(): Promise<void>;
}

interface WorkerDatabases {
  /** The database of the tests that run one at a time, and of `process.env.DATABASE_URL`. */
  primary: Promise<WorkerDb> | undefined;
  primaryLeased: boolean;
  /** Databases opened for concurrent tests, idle until the next concurrent test takes one. */
  spares: WorkerDb[];
}

// Kept on globalThis, not in module scope: vitest re-evaluates modules outside node_modules
// for every file of a worker, and a second copy of this module must not open a second
// primary database (the one the setup file put in DATABASE_URL).
const KEY = Symbol.for('@cutx/db/worker-databases');
const shared = globalThis as Record<symbol, WorkerDatabases | undefined>;
shared[KEY] ??= { primary: undefined, primaryLeased: false, spares: [] };
const state: WorkerDatabases = shared[KEY];

async function openWorkerDb(): Promise<WorkerDb> {
  // Without the plugin nothing is provided: the fixtures then run on PGlite.
  if (inject('cutxDbEngine') === 'postgres') {
    const isolated = await createIsolatedPgDb(inject('cutxDbServerUrl'));
    return { pglite: undefined, client: isolated.db, url: isolated.db.url, reset: isolated.reset };
  }
  const isolated = await createIsolatedDb();
  // The defaults: loopback, a free port (several workers on one machine each serve their
  // own) and a random password.
  const server = await servePglite(isolated.db, resolveServerOptions({ engine: 'pglite' }));
  return { pglite: isolated.db, client: isolated.db, url: server.url, reset: isolated.reset };
}

/** This worker's primary database, opened at the first call. */
export function primaryWorkerDb(): Promise<WorkerDb> {
  state.primary ??= openWorkerDb();
  return state.primary;
}

/**
 * A database for one test: the primary one when no other test holds it, otherwise (tests of
 * `describe.concurrent` or `test.concurrent` running at once) a spare, opened when none is
 * idle. Each concurrent test thus writes to a database no other running test sees.
 */
export async function leaseWorkerDb(): Promise<WorkerDbLease> {
  if (!state.primaryLeased) {
    state.primaryLeased = true;
    try {
      const workerDb = await primaryWorkerDb();
      return lease(workerDb, () => {
        state.primaryLeased = false;
      });
    } catch (error) {
      state.primaryLeased = false;
      throw error;
    }
  }
  const workerDb = state.spares.pop() ?? (await openWorkerDb());
  return lease(workerDb, () => {
    state.spares.push(workerDb);
  });
}

function lease(workerDb: WorkerDb, free: () => void): WorkerDbLease {
  return {
    workerDb,
    async release() {
      try {
        await workerDb.reset();
      } finally {
        free();
      }
    },
  };
}

/**
 * Resets the primary database after a test that did not hold it through a fixture (one that
 * reached it only through `DATABASE_URL`); a fixture's lease resets it on release instead.
 */
export async function resetPrimaryUnlessLeased(): Promise<void> {
  if (state.primary === undefined || state.primaryLeased) return;
  await (await state.primary).reset();
}
