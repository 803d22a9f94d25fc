import { test as base } from 'vitest';
import { createFactories, type FactorySet } from '../../factories/index.js';
import { openIsolatedTestDb, openTestDb, type TestDb } from './test-db.js';

/** A file-scoped fixture: `open` when the file's first test asks for it, `close` after its last. */
function perFile<T>(
  open: () => Promise<T>,
  close: (value: T) => Promise<void>,
): [(context: object, use: (value: T) => Promise<void>) => Promise<void>, { scope: 'file' }] {
  return [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
    async ({}, use: (value: T) => Promise<void>) => {
      const value = await open();
      try {
        await use(value);
      } finally {
        await close(value);
      }
    },
    { scope: 'file' },
  ];
}

/**
 * `test` with the file's database as a fixture, on the engine under test: opened when the
 * file's first test asks for it, closed after its last.
 *
 * @example test('has the tables', async ({ db }) => { ... })
 */
export const dbTest = base.extend<{ db: TestDb }>({
  db: perFile(openTestDb, (db) => db.close()),
});

interface IsolatedFixtures {
  isolated: Awaited<ReturnType<typeof openIsolatedTestDb>>;
  db: TestDb;
  emptiedAfterEach: undefined;
}

/**
 * `test` with the file's database as a fixture, emptied after each test of whatever it
 * wrote (committed or not), so every test starts from empty tables.
 */
export const isolatedDbTest = base.extend<IsolatedFixtures>({
  isolated: perFile(openIsolatedTestDb, (isolated) => isolated.db.close()),
  db: [async ({ isolated }, use) => use(isolated.db), { scope: 'file' }],
  emptiedAfterEach: [
    async ({ isolated }, use) => {
      await use(undefined);
      await isolated.reset();
    },
    { auto: true },
  ],
});

/** {@link isolatedDbTest} with `f`, a factory set of `seed` on the database that the file's tests share. */
export function factoriesTest(seed: number) {
  return isolatedDbTest.extend<{ f: FactorySet }>({
    f: [async ({ db }, use) => use(createFactories(db, { seed })), { scope: 'file' }],
  });
}
