// Tests that misbehave, each followed by one that must find a clean database: one that times
// out and writes after its timeout, one that leaves a transaction open on `db`, one that
// leaves a pool client checked out inside a transaction, one that throws mid-write. Every
// test but the one that times out must pass; test/vitest/faults.test.ts checks the report.
import pg from 'pg';
import { expect, test, vi } from '../../../vitest/index.js';

/** The id of the first user the factories make with seed 1: every test below writes it. */
let seededUserId: string | undefined;

const userCount = async (db: { query: (sql: string) => Promise<{ rows: unknown[] }> }) =>
  (await db.query('SELECT count(*)::int AS n FROM users')).rows;

/** Writes the seed-1 user again: a duplicate key, or a wait on a lock, if any earlier one is left. */
async function startsClean({ db, factories }: { db: Parameters<typeof userCount>[0]; factories: FactoriesLike }) {
  expect(await userCount(db)).toEqual([{ n: 0 }]);
  const user = await factories.users.create();
  expect(user.id).toBe(seededUserId);
}

interface FactoriesLike {
  users: { create(): Promise<{ id: string }> };
}

let releaseLateWrite: () => void = () => {};
const lateWriteMayStart = new Promise<void>((resolve) => {
  releaseLateWrite = resolve;
});
let reportLateWrite: (results: PromiseSettledResult<unknown>[]) => void = () => {};
const lateWriteSettled = new Promise<PromiseSettledResult<unknown>[]>((resolve) => {
  reportLateWrite = resolve;
});

test('writes the first seed-1 user, and loads the factories before the test that times out', async ({ factories }) => {
  seededUserId = (await factories.users.create()).id;
});

test('times out, then writes through its fixtures while the next test runs', { timeout: 5_000 }, async ({
  factories,
  db,
}) => {
  await factories.users.create();
  await lateWriteMayStart;
  // Each in a function of its own: an ended fixture throws as soon as it is touched.
  reportLateWrite(
    await Promise.allSettled([
      (async () => factories.users.create())(),
      (async () => db.query("INSERT INTO users (email) VALUES ('late@cutx.test')"))(),
    ]),
  );
});

test('starts clean after a test that timed out, and its late writes are refused', async ({ db, factories }) => {
  await startsClean({ db, factories });
  releaseLateWrite();
  const settled = await lateWriteSettled;
  expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  expect(String((settled[0] as PromiseRejectedResult).reason)).toContain('was used after that test ended');
  expect(await userCount(db)).toEqual([{ n: 1 }]);
});

test('leaves a transaction open on db', async ({ db, factories }) => {
  await factories.users.create();
  await db.exec("BEGIN; INSERT INTO users (email) VALUES ('open@cutx.test')");
});

test('starts clean after a transaction left open on db', startsClean);

/** Errors the server sent the abandoned client when it ended its session. */
const abandonedClientErrors: string[] = [];

test('leaves a pool client checked out inside a transaction', async ({ databaseUrl }) => {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const client = await pool.connect();
  // Ending an abandoned session is reported on its client; a listener keeps that visible.
  client.on('error', (error) => abandonedClientErrors.push((error as { code?: string }).code ?? error.message));
  await client.query('BEGIN');
  await client.query('INSERT INTO users (id, email) VALUES ($1, $2)', [seededUserId, 'held@cutx.test']);
});

test('starts clean after a pool client was left in a transaction, which was ended', async ({ db, factories }) => {
  await startsClean({ db, factories });
  // The client reads the server's goodbye on its own socket, soon after the reset.
  await vi.waitFor(() => expect(abandonedClientErrors).toContain('57P01'), { timeout: 30_000 });
});

test('throws mid-write', async ({ db, factories }) => {
  await factories.users.create();
  await db.exec("BEGIN; INSERT INTO users (email) VALUES ('mid@cutx.test')");
  throw new Error('thrown mid-write on purpose');
});

test('starts clean after a test that threw mid-write', startsClean);

test('a test that reaches the database only through DATABASE_URL starts clean too', async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    expect((await client.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 0 }]);
  } finally {
    await client.end();
  }
});
