import { test as base } from 'vitest';
import type { CutxDb } from '../src/db/open.js';
import { createIsolatedDb, type IsolatedDb } from '../src/testing/isolated-db.js';
import { createFactories, type FactorySet } from './index.js';

export interface CutxFixtures {
  /** A migrated database, empty at the start of every test; the test may commit freely. */
  db: CutxDb;
  /** Factories on `db`, seed 1: every test builds the same rows whatever the order. */
  factories: FactorySet;
}

/**
 * vitest's `test`, extended with `db` and `factories`. One database per worker, reset after
 * every test (a millisecond), so tests are isolated without paying for a database each.
 *
 * @example
 * import { test, expect } from '@cutx/db/vitest';
 * test('a new user has 25 credits', async ({ db, factories }) => {
 *   const user = await factories.users.create();
 *   // ...
 * });
 */
export const test = base.extend<CutxFixtures & { isolatedDb: IsolatedDb }>({
  isolatedDb: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const isolated = await createIsolatedDb();
      await use(isolated);
      await isolated.db.close();
    },
    { scope: 'worker' },
  ],
  db: async ({ isolatedDb }, use) => {
    try {
      await use(isolatedDb.db);
    } finally {
      await isolatedDb.reset();
    }
  },
  factories: async ({ db }, use) => {
    await use(createFactories(db, { seed: 1 }));
  },
});

export { expect } from 'vitest';
