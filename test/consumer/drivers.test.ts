// A service's own data layer, unchanged, against the test database: pg, postgres.js,
// Drizzle and Kysely over DATABASE_URL, and Drizzle and Kysely on the embedded database.
import { describe, expect, test } from '@cutx/db/vitest';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import postgres from 'postgres';

// The service's own declarations of the columns it reads.
const users = pgTable('users', { id: uuid('id').primaryKey(), email: text('email').notNull() });
interface Database {
  users: { id: string; email: string };
}

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
      const rows = await drizzleNodePostgres(pool).select({ email: users.email }).from(users);
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

describe('a service data layer on the embedded database', () => {
  test('Drizzle on PGlite writes a row the fixture reads', async ({ db }) => {
    await drizzlePglite(db).insert(users).values({ id: '00000000-0000-4000-8000-000000000001', email: 'd@cutx.test' });
    expect((await db.query('SELECT email FROM users')).rows).toEqual([{ email: 'd@cutx.test' }]);
  });

  test("Kysely with kysely-pglite-dialect reads the factory's row on the same PGlite", async ({ db, factories }) => {
    const user = await factories.users.create();
    // The dialect runs statements on the instance it is given; destroying it would close the fixture's.
    const kysely = new Kysely<Database>({ dialect: new PGliteDialect(db) });
    expect(await kysely.selectFrom('users').select('email').execute()).toEqual([{ email: user.email }]);
  });
});

describe.concurrent('concurrent tests', () => {
  for (const n of [1, 2, 3]) {
    test(`test ${n} has a database of its own`, async ({ db, factories }) => {
      const user = await factories.users.create();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await db.query('SELECT id FROM users')).rows).toEqual([{ id: user.id }]);
    });
  }
});
