import { inject } from 'vitest';
import { resolveServerOptions } from '../src/server/db-server-options.js';
import { servePglite } from '../src/server/pglite/pglite-server.js';
import { openTestDb, type TestDb } from '../src/testing/test-db.js';
import { useBaselineWasmTier } from './baseline-wasm-tier.js';
import './provided-context.js';

/** A migrated database of this worker's, reset before each test, and reachable over the wire. */
export interface WorkerDb {
  /** The database, the same SQL client on either engine. */
  readonly testDb: TestDb;
  /** `postgresql://...` for a service's own driver (pg, postgres.js, Drizzle, Kysely). */
  readonly url: string;
  /**
   * Ends what the previous test left running on it (an open transaction, a statement over
   * the wire) and empties every table written since the last reset.
   */
  reset(): Promise<void>;
}

/** A worker database held by one test, reset for it, until `release()` frees it. */
export interface WorkerDbLease {
  readonly workerDb: WorkerDb;
  release(): void;
}

interface WorkerDatabases {
  /** The database of the tests that run one at a time, and of `process.env.DATABASE_URL`. */
  primary: Promise<WorkerDb> | undefined;
  primaryLeased: boolean;
  /**
   * The test whose `beforeEach` reset the primary database, until a fixture leases it: that
   * test's lease need not reset it a second time.
   */
  primaryResetFor: string | undefined;
  /** Databases opened for concurrent tests, idle until the next concurrent test takes one. */
  spares: WorkerDb[];
}

// Kept on globalThis, not in module scope: vitest re-evaluates modules outside node_modules
// for every file of a worker, and a second copy of this module must not open a second
// primary database (the one the setup file put in DATABASE_URL).
const KEY = Symbol.for('@cutx/db/worker-databases');
const shared = globalThis as Record<symbol, WorkerDatabases | undefined>;
shared[KEY] ??= { primary: undefined, primaryLeased: false, primaryResetFor: undefined, spares: [] };
const state: WorkerDatabases = shared[KEY];

async function openWorkerDb(): Promise<WorkerDb> {
  // Without the plugin nothing is provided: the fixtures then run on PGlite.
  if (inject('cutxDbEngine') === 'postgres') {
    const testDb = await openTestDb({ serverUrl: inject('cutxDbServerUrl') });
    return { testDb, url: testDb.url as string, reset: testDb.reset };
  }
  useBaselineWasmTier();
  const testDb = await openTestDb();
  // The defaults: loopback, a free port (several workers on one machine each serve their
  // own) and a random password.
  const server = await servePglite(
    testDb.pglite as NonNullable<TestDb['pglite']>,
    resolveServerOptions({ engine: 'pglite' }),
  );
  return {
    testDb,
    url: server.url,
    reset: async () => {
      // A wire client's open transaction is the embedded session's: end it before resetting.
      await server.endOpenTransactions();
      await testDb.reset();
    },
  };
}

/** This worker's primary database, opened at the first call. */
export function primaryWorkerDb(): Promise<WorkerDb> {
  state.primary ??= openWorkerDb();
  return state.primary;
}

/**
 * A database for one test (`testId`), reset before the test starts, so that nothing a
 * previous test left (rows, a transaction, a statement that outlived its timeout) reaches
 * it: the primary one when no other test holds it, otherwise (tests of `describe.concurrent`
 * or `test.concurrent` running at once) an idle spare, opened only when none is idle. Each
 * concurrent test thus writes to a database no other running test sees. The primary one is
 * not reset again when this test's `beforeEach` already did (the plugin's setup file), so
 * what the test's own `beforeEach` hooks wrote through `DATABASE_URL` stays for it.
 */
export async function leaseWorkerDb(testId: string): Promise<WorkerDbLease> {
  if (!state.primaryLeased) {
    state.primaryLeased = true;
    const alreadyReset = state.primaryResetFor === testId;
    state.primaryResetFor = undefined;
    const free = () => {
      state.primaryLeased = false;
    };
    return alreadyReset ? { workerDb: await primaryWorkerDb(), release: free } : resetForTest(primaryWorkerDb(), free);
  }
  const workerDb = state.spares.pop() ?? (await openWorkerDb());
  return resetForTest(workerDb, () => {
    state.spares.push(workerDb);
  });
}

async function resetForTest(opening: WorkerDb | Promise<WorkerDb>, free: () => void): Promise<WorkerDbLease> {
  try {
    const workerDb = await opening;
    await workerDb.reset();
    return { workerDb, release: free };
  } catch (error) {
    free();
    throw error;
  }
}

/**
 * Resets the primary database before test `testId` unless a test holds it through a fixture
 * (a concurrent one): tests that reach it only through `DATABASE_URL` start clean too, and a
 * fixture's lease for the same test then finds it reset.
 */
export async function resetPrimaryUnlessLeased(testId: string): Promise<void> {
  if (state.primary === undefined || state.primaryLeased) return;
  // Marked first: a concurrent test's lease while this reset runs clears the mark.
  state.primaryResetFor = testId;
  try {
    await (await state.primary).reset();
  } catch (error) {
    state.primaryResetFor = undefined;
    throw error;
  }
}
