import { test as base } from 'vitest';
import { openIsolatedTestDb, openTestDb, type TestDb } from './test-db.js';

/**
 * `test` with the file's database as a fixture, on the engine under test: opened when the
 * file's first test asks for it, closed after its last.
 *
 * @example test('has the tables', async ({ db }) => { ... })
 */
export const dbTest = base.extend<{ db: TestDb }>({
  db: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const db = await openTestDb();
      try {
        await use(db);
      } finally {
        await db.close();
      }
    },
    { scope: 'file' },
  ],
});

/**
 * `test` with one database for the file that every test starts empty on: what a test
 * wrote (committed or not) is emptied after it.
 */
export const isolatedDbTest = base.extend<{ isolated: Awaited<ReturnType<typeof openIsolatedTestDb>>; db: TestDb }>({
  isolated: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const isolated = await openIsolatedTestDb();
      try {
        await use(isolated);
      } finally {
        await isolated.db.close();
      }
    },
    { scope: 'file' },
  ],
  db: async ({ isolated }, use) => {
    try {
      await use(isolated.db);
    } finally {
      await isolated.reset();
    }
  },
});
