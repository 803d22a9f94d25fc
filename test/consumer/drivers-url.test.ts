// A service's own data layer, unchanged, against the test database over DATABASE_URL: pg,
// postgres.js, Drizzle and Kysely. The same file runs on both engines (vitest.config.ts and
// vitest.postgres.config.ts).
import { users } from '@cutx/db/drizzle';
import type { Database } from '@cutx/db/kysely';
import { beforeEach, describe, expect, test } from '@cutx/db/vitest';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import postgres from 'postgres';

describe('a service data layer over DATABASE_URL', () => {
  test('pg.Pool reads the row a factory wrote', async ({ factories }) => {
    const user = await factories.users.create();
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    try {
      expect((await pool.query('SELECT email FROM users WHERE id = $1', [user.id])).rows).toEqual([
        { email: user.email },
      ]);
    } finally {
      await pool.end();
    }
  });

  test('postgres.js reads it, and the database is empty again in the next test', async ({ factories }) => {
    const sql = postgres(process.env.DATABASE_URL ?? '', { max: 1 });
    try {
      expect(await sql`SELECT count(*)::int AS n FROM users`).toEqual([{ n: 0 }]);
      const user = await factories.users.create();
      expect(await sql`SELECT email FROM users WHERE id = ${user.id}`).toEqual([{ email: user.email }]);
    } finally {
      await sql.end();
    }
  });

  test('Drizzle on node-postgres reads it', async ({ factories, databaseUrl }) => {
    const user = await factories.users.create();
    const pool = new pg.Pool({ connectionString: databaseUrl });
    try {
      const rows = await drizzle(pool).select({ email: users.email }).from(users);
      expect(rows).toEqual([{ email: user.email }]);
    } finally {
      await pool.end();
    }
  });

  test('Kysely with PostgresDialect reads it', async ({ factories, databaseUrl }) => {
    const user = await factories.users.create();
    const kysely = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl }) }),
    });
    try {
      expect(await kysely.selectFrom('users').select('email').execute()).toEqual([{ email: user.email }]);
    } finally {
      await kysely.destroy();
    }
  });
});

describe('the type policy over the URL', () => {
  test("a factory's row reads back equal, whole, through pg, postgres.js, Kysely and Drizzle", async ({
    factories,
    databaseUrl,
  }) => {
    const user = await factories.users.create({ github_id: '9007199254740993' });
    const pool = new pg.Pool({ connectionString: databaseUrl });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const sql = postgres(databaseUrl, { max: 1 });
    try {
      expect((await pool.query('SELECT * FROM users WHERE id = $1', [user.id])).rows).toEqual([user]);
      expect([...(await sql`SELECT * FROM users WHERE id = ${user.id}`)]).toEqual([user]);
      expect(await kysely.selectFrom('users').selectAll().where('id', '=', user.id).execute()).toEqual([user]);
      expect(await drizzle(pool).select().from(users).where(eq(users.id, user.id))).toEqual([user]);
    } finally {
      await sql.end();
      await kysely.destroy();
    }
  });
});

describe.concurrent('concurrent tests over the URL', () => {
  for (const n of [1, 2, 3]) {
    test(`test ${n} has a database of its own at databaseUrl`, async ({ factories, databaseUrl }) => {
      const user = await factories.users.create();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        expect((await client.query('SELECT id FROM users')).rows).toEqual([{ id: user.id }]);
      } finally {
        await client.end();
      }
    });
  }
});

describe("rows a file's beforeEach writes over DATABASE_URL", () => {
  // The plugin resets the database before each test's hooks; the fixtures' lease then finds
  // it reset for this test and leaves the hook's rows for the test.
  beforeEach(async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    try {
      await pool.query("INSERT INTO users (email) VALUES ('hook@cutx.io')");
    } finally {
      await pool.end();
    }
  });

  test('are there in the test that takes the fixtures', async ({ db, factories }) => {
    expect((await db.query('SELECT email FROM users')).rows).toEqual([{ email: 'hook@cutx.io' }]);
    await factories.users.create();
  });

  test("are there again in the next test, and the last test's rows are gone", async ({ db }) => {
    expect((await db.query('SELECT email FROM users')).rows).toEqual([{ email: 'hook@cutx.io' }]);
  });
});
