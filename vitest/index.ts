import { test as base } from 'vitest';
import type { FactorySet } from '../factories/index.js';
import { CutxDbError } from '../src/db/errors.js';
import type { CutxDb } from '../src/db/open.js';
import { untilTestEnds } from './until-test-ends.js';
import { leaseWorkerDb, type WorkerDb } from './worker-databases.js';

export interface CutxFixtures {
  /**
   * A migrated embedded database, empty at the start of every test; the test may commit
   * freely. With `cutxDb({ engine: 'postgres' })` there is none: it throws, saying what to use.
   */
  db: CutxDb;
  /**
   * Factories on the test's database, seed 1: every test builds the same rows whatever the
   * order. For its own test only: used after that test ended, it throws.
   */
  factories: FactorySet;
  /** The same database as `db`, served over the PostgreSQL protocol, for a driver of the service's own. */
  databaseUrl: string;
}

/**
 * vitest's `test`, extended with `db`, `factories` and `databaseUrl`. Tests that run one at a
 * time share one database per worker, reset after each test;
 * concurrent tests (`test.concurrent`, `describe.concurrent`) each get a database of their
 * own for as long as they run.
 *
 * @example
 * import { expect, test } from '@cutx/db/vitest';
 * test('a new user has 25 credits', async ({ db, factories }) => {
 *   const user = await factories.users.create();
 *   // ...
 * });
 */
export const test = base.extend<CutxFixtures & { workerDb: WorkerDb }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
  workerDb: async ({}, use) => {
    const lease = await leaseWorkerDb();
    try {
      await use(lease.workerDb);
    } finally {
      await lease.release();
    }
  },
  db: async ({ workerDb }, use) => {
    if (workerDb.pglite === undefined) {
      throw new CutxDbError(
        'invalid_input',
        "The db fixture is the embedded PGlite database, and this run uses cutxDb({ engine: 'postgres' }): " +
          "write rows with the factories fixture, and read them with the service's own driver on databaseUrl " +
          '(or process.env.DATABASE_URL).',
      );
    }
    await use(workerDb.pglite);
  },
  databaseUrl: async ({ workerDb }, use) => {
    await use(workerDb.url);
  },
  // vitest keeps each test's context to the end of the file: the set is let go at teardown.
  factories: async ({ workerDb, task }, use) => {
    // Loaded by the first test that asks for it: tests that use only `db` or `databaseUrl`
    // need not load faker and zod into every worker.
    const { createFactories } = await import('../factories/index.js');
    const factories = untilTestEnds(createFactories(workerDb.client, { seed: 1 }), '`factories`', task.name);
    try {
      await use(factories.handle);
    } finally {
      factories.end();
    }
  },
});

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
