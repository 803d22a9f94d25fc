// A service's everyday tests, 50 to a file: each writes a user and three related rows
// through the factories and reads them back with two queries, through the fixture's
// embedded database or through the service's own pg.Pool on DATABASE_URL.
import type { FactorySet } from '@cutx/db/factories';
import { describe, expect, test } from '@cutx/db/vitest';
import pg from 'pg';

export const TESTS_PER_FILE = 50;

interface Queryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

async function writeAndRead(factories: FactorySet, reader: Queryable): Promise<void> {
  const user = await factories.users.create();
  const project = await factories.projects.create({ user });
  await factories.products.createList(2, { project });
  const rows = async (sql: string) => (await reader.query(sql, [user.id])).rows;
  expect(
    await rows('SELECT count(*)::int AS n FROM products JOIN projects p ON p.id = project_id WHERE p.user_id = $1'),
  ).toEqual([{ n: 2 }]);
  expect(await rows('SELECT count(*)::int AS n FROM users WHERE id <> $1')).toEqual([{ n: 0 }]);
}

/** 50 tests reading through the fixture's `db` (pglite engine) or a pool on DATABASE_URL (either engine). */
export function serviceSuite(name: string, reader: 'fixture' | 'pool'): void {
  // As a service's data layer does: one pool, made from the environment when the module loads.
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

  describe(name, () => {
    for (let n = 1; n <= TESTS_PER_FILE; n++) {
      const title = `test ${n} sees only its own rows`;
      if (reader === 'pool') test(title, ({ factories }) => writeAndRead(factories, pool));
      else test(title, ({ db, factories }) => writeAndRead(factories, db));
    }
  });
}
