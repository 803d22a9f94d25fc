import { describe } from 'vitest';
import { expect, test } from '../../factories/vitest.js';
import { engine } from '../support/test-db.js';

// The fixture serves embedded PGlite databases whatever engine the suite tests.
describe.skipIf(engine === 'postgres')('the vitest fixture', () => {
  const users = async (db: { query: (sql: string) => Promise<{ rows: unknown[] }> }) =>
    (await db.query('SELECT email FROM users ORDER BY email')).rows;

  let firstUserId: string | undefined;

  test('gives a migrated database and factories: a new user has its 25 credits', async ({ db, factories }) => {
    const user = await factories.users.create();
    firstUserId = user.id;
    const { rows } = await db.query('SELECT balance FROM credit_balances WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([{ balance: 25 }]);
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
