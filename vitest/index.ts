import { test as base, beforeAll, inject } from 'vitest';
import type { FactorySet } from '../factories/index.js';
import { CutxDbError } from '../src/db/errors.js';
import type { CutxDb } from '../src/db/open.js';
import type { TestSql } from '../src/testing/test-db.js';
import { countTestForGc, DEFAULT_GC_EVERY_TESTS } from './periodic-gc.js';
import { untilTestEnds } from './until-test-ends.js';
import { leaseWorkerDb, primaryWorkerDb, type WorkerDb } from './worker-databases.js';

export interface CutxFixtures {
  /**
   * The test's migrated database, empty at the start of every test, as one SQL client on
   * both engines (`query`, `exec`, `transaction`; the same value types): a test written
   * against it runs unchanged with `cutxDb()` and `cutxDb({ engine: 'postgres' })`. The test
   * may commit freely. Used after its test ended (a test that timed out and kept going), it
   * throws instead of writing into the next test's database.
   */
  db: TestSql;
  /**
   * Factories on the test's database, seed 1: every test builds the same rows whatever the
   * order. For its own test only: used after that test ended, it throws.
   */
  factories: FactorySet;
  /** The same database as `db`, served over the PostgreSQL protocol, for a driver of the service's own. */
  databaseUrl: string;
  /**
   * The same database as the PGlite instance itself, for PGlite's own drivers
   * (`drizzle-orm/pglite`, `kysely-pglite-dialect`). The pglite engine only: with
   * `cutxDb({ engine: 'postgres' })` it throws; use `db` or `databaseUrl` there.
   */
  pglite: CutxDb;
}

// Imported by the first test that asks for factories, once per worker: tests that use only
// `db` or `databaseUrl` need not load faker and zod.
let factoryModules: Promise<[typeof import('../factories/factory-set.js'), typeof import('../factories/time.js')]>;
function importFactoryModules(): typeof factoryModules {
  factoryModules ??= Promise.all([import('../factories/factory-set.js'), import('../factories/time.js')]);
  return factoryModules;
}

/**
 * vitest's `test`, extended with `db`, `factories`, `databaseUrl` and `pglite`. Tests that
 * run one at a time share one database per worker; concurrent tests (`test.concurrent`,
 * `describe.concurrent`) each hold one of the worker's idle spares (opened when none is idle)
 * for as long as they run. Every test's database is reset when the test takes it, after
 * ending whatever the test before left open on it (see `WorkerDb.reset`).
 *
 * @example
 * import { expect, test } from '@cutx/db/vitest';
 * test('a new user has 25 credits', async ({ db, factories }) => {
 *   const user = await factories.users.create();
 *   // ...
 * });
 */
export const test = base.extend<CutxFixtures & { workerDb: WorkerDb }>({
  workerDb: async ({ task }, use) => {
    const lease = await leaseWorkerDb(task.id);
    try {
      await use(lease.workerDb);
    } finally {
      lease.release();
      // Between tests, where a pause delays no query: see periodic-gc.ts for why.
      countTestForGc(inject('cutxDbGcEvery') ?? DEFAULT_GC_EVERY_TESTS);
    }
  },
  db: async ({ workerDb, task }, use) => {
    const { query, exec, transaction, isInTransaction } = workerDb.testDb;
    const db = untilTestEnds<TestSql>({ query, exec, transaction, isInTransaction }, '`db`', task.name);
    try {
      await use(db.handle);
    } finally {
      db.end();
    }
  },
  databaseUrl: async ({ workerDb }, use) => {
    await use(workerDb.url);
  },
  pglite: async ({ workerDb }, use) => {
    if (workerDb.testDb.pglite === undefined) {
      throw new CutxDbError(
        'invalid_input',
        "The pglite fixture is the embedded PGlite instance, and this run uses cutxDb({ engine: 'postgres' }): " +
          "use the db fixture (the same SQL client on both engines) or a driver of the service's own on databaseUrl.",
      );
    }
    await use(workerDb.testDb.pglite);
  },
  // vitest keeps each test's context to the end of the file: the set is let go at teardown,
  // and its fakers serve the next test's set.
  factories: async ({ db, task }, use) => {
    const [{ createFactorySet }, { factoryAsOf }] = await importFactoryModules();
    const { set, release } = createFactorySet(db, 1, factoryAsOf(undefined));
    const factories = untilTestEnds(set as unknown as FactorySet, '`factories`', task.name);
    try {
      await use(factories.handle);
    } finally {
      factories.end();
      release();
    }
  },
});

/**
 * How long the hook below may take: on a fresh install it builds the migrated template,
 * which on a loaded machine takes far longer than vitest's default 5 s test timeout.
 */
const FIRST_DATABASE_TIMEOUT_MS = 180_000;

// A file that imports this module opens (and, on a fresh install, builds) its worker's
// database in a hook of its own, with its own timeout, rather than inside its first test:
// this is what keeps the build out of every test when the plugin's globalSetup has not
// already done it.
beforeAll(async () => {
  await primaryWorkerDb();
}, FIRST_DATABASE_TIMEOUT_MS);

/** `test` under its other name. */
export const it = test;

export {
  afterAll,
  afterEach,
  assert,
  beforeAll,
  beforeEach,
  describe,
  expect,
  expectTypeOf,
  inject,
  onTestFailed,
  onTestFinished,
  suite,
  vi,
} from 'vitest';
