// A service's own query builders on the fixture's PGlite instance: the pglite engine only
// (vitest.postgres.config.ts leaves this file out).
import { users } from '@cutx/db/drizzle';
import type { Database } from '@cutx/db/kysely';
import { describe, expect, test } from '@cutx/db/vitest';
import { drizzle } from 'drizzle-orm/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';

describe('a service data layer on the embedded database', () => {
  test('Drizzle on PGlite writes a row the fixture reads', async ({ db, pglite }) => {
    await drizzle(pglite).insert(users).values({ id: '00000000-0000-4000-8000-000000000001', email: 'd@cutx.test' });
    expect((await db.query('SELECT email FROM users')).rows).toEqual([{ email: 'd@cutx.test' }]);
  });

  test("Kysely with kysely-pglite-dialect reads the factory's row on the same PGlite", async ({
    pglite,
    factories,
  }) => {
    const user = await factories.users.create();
    // The dialect runs statements on the instance it is given; destroying it would close the fixture's.
    const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
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
