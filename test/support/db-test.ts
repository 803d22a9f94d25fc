import { test as base } from 'vitest';
import { openTestDb, type TestDb } from './test-db.js';

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
