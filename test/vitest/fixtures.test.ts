import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { describe } from 'vitest';
import type { FactorySet } from '../../factories/index.js';
import { CutxDbError } from '../../src/db/errors.js';
import { SIGNUP_CREDITS } from '../../src/rows/signup-credits.js';
import { expect, test } from '../../vitest/index.js';
import { untilTestEnds } from '../../vitest/until-test-ends.js';

// The fixture serves embedded PGlite databases whatever engine the suite tests.
describe('the vitest fixture', () => {
  const users = async (db: { query: (sql: string) => Promise<{ rows: unknown[] }> }) =>
    (await db.query('SELECT email FROM users ORDER BY email')).rows;

  let firstUserId: string | undefined;

  test('gives a migrated database and factories: a new user has its signup credits', async ({ db, factories }) => {
    const user = await factories.users.create();
    firstUserId = user.id;
    const { rows } = await db.query('SELECT balance FROM credit_balances WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([{ balance: SIGNUP_CREDITS }]);
  });

  test('starts the next test empty, though the one before committed', async ({ db, factories }) => {
    await factories.users.createList(3);
    await db.exec("BEGIN; INSERT INTO users (email) VALUES ('committed@cutx.test'); COMMIT");
    expect(await users(db)).toHaveLength(4);
  });

  test('sees none of the rows the tests before it wrote', async ({ db }) => {
    expect(await users(db)).toEqual([]);
  });

  test('gives every test the same factory rows, whatever ran before', async ({ factories }) => {
    const user = await factories.users.create();
    expect(firstUserId).toBeDefined();
    expect(user.id).toBe(firstUserId);
  });
});

// vitest keeps every test's context to the end of the file, so a factory set held there for
// each test would keep its memory until then.
describe('the factories fixture after its test', () => {
  setFlagsFromString('--expose-gc');
  const collectGarbage: () => void = runInNewContext('gc');
  let ended: FactorySet | undefined;
  let usersFactory: WeakRef<object> | undefined;

  test('writes through its factory set', async ({ factories }) => {
    usersFactory = new WeakRef(factories.users);
    await factories.users.create();
  });

  test('no longer holds its factory set, so the set can be collected', async () => {
    // A WeakRef's target is kept until the task that made the WeakRef has ended.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(usersFactory?.deref()).toBeUndefined();
  });

  test('is the factory set while its test runs', async ({ factories }) => {
    ended = factories;
    expect(Object.keys(factories)).toContain('generationJobs');
    expect('users' in factories).toBe(true);
    expect((await factories.users.create()).email).toMatch(/@example\.com$/);
  });

  test('throws, naming the test, when used after its test ended', () => {
    expect(() => ended?.users).toThrow(CutxDbError);
    expect(() => ended?.users).toThrow(
      /`factories` of the test "is the factory set while its test runs" was used after that test ended/,
    );
  });

  // What each test leaves in its context until the file ends: a stand-in with a handler and
  // closures of its own held about 530 bytes, the shared handler about 130.
  test('leaves under 300 bytes per test in the context once its test ended', () => {
    const handles: object[] = [];
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let n = 0; n < 20_000; n++) {
      const value = untilTestEnds({}, '`db`', `test ${n}`);
      value.end();
      handles.push(value.handle);
    }
    collectGarbage();
    expect((process.memoryUsage().heapUsed - before) / handles.length).toBeLessThan(300);
  });
});

describe('the vitest fixture over the wire', () => {
  test('serves the test database at databaseUrl: pg reads the rows the factories wrote', async ({
    databaseUrl,
    factories,
  }) => {
    const user = await factories.users.create();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT email FROM users');
      expect(rows).toEqual([{ email: user.email }]);
      await client.query("INSERT INTO users (email) VALUES ('over-the-wire@cutx.test')");
    } finally {
      await client.end();
    }
  });

  test('resets what a client wrote over the wire', async ({ db }) => {
    expect((await db.query('SELECT email FROM users')).rows).toEqual([]);
  });
});

// Every test creates the same seed-1 user: on one shared database all but one would fail
// with a duplicate key, as they did before concurrent tests got databases of their own.
describe.concurrent('the vitest fixture in concurrent tests', () => {
  for (const n of [1, 2, 3, 4]) {
    test(`gives concurrent test ${n} a database of its own`, async ({ db, factories }) => {
      const user = await factories.users.create();
      // Held open across the others' inserts, so the tests overlap.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await db.query('SELECT id FROM users')).rows).toEqual([{ id: user.id }]);
    });
  }
});
