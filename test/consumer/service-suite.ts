// A service's everyday tests, 50 to a file: each writes a user and three related rows
// through the factories and reads them back with two queries, through the fixture's
// database or through the service's own pg.Pool on DATABASE_URL.
import { describe, expect, test } from '@cutx/db/vitest';
import pg from 'pg';

export const TESTS_PER_FILE = 50;

export function serviceSuite(name: string, reader: 'fixture' | 'pool'): void {
  // As a service's data layer does: one pool, made from the environment when the module loads.
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

  describe(name, () => {
    for (let n = 1; n <= TESTS_PER_FILE; n++) {
      test(`test ${n} sees only its own rows`, async ({ db, factories }) => {
        const user = await factories.users.create();
        const project = await factories.projects.create({ user });
        await factories.products.createList(2, { project });
        const query = async (sql: string) =>
          reader === 'pool' ? (await pool.query(sql, [user.id])).rows : (await db.query(sql, [user.id])).rows;
        expect(
          await query(
            'SELECT count(*)::int AS n FROM products JOIN projects p ON p.id = project_id WHERE p.user_id = $1',
          ),
        ).toEqual([{ n: 2 }]);
        expect(await query('SELECT count(*)::int AS n FROM users WHERE id <> $1')).toEqual([{ n: 0 }]);
      });
    }
  });
}
