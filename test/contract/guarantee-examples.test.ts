import { describe, expect } from 'vitest';
import type { SqlClient } from '../../src/db/sql-client.js';
import { SIGNUP_CREDITS } from '../../src/rows/index.js';
import { dbTest as test } from '../support/db-test.js';
import { expectSqlState, SQL_STATE } from '../support/sql-state.js';

// Plain examples of guarantees 1, 3, 5, 6 and 10; the properties in test/properties cover
// every input. Each test runs inside a transaction that is rolled back afterwards.
test.beforeEach(async ({ db }) => {
  await db.exec('BEGIN');
  return () => db.exec('ROLLBACK');
});

async function insertUser(db: SqlClient, email: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO users (email) VALUES ($1) RETURNING id', [email]);
  return rows[0]?.id ?? '';
}

describe('signup credits (guarantee 1)', () => {
  test('gives a new user one balance of 25 and one +25 signup_bonus transaction', async ({ db }) => {
    const userId = await insertUser(db, 'new@cutx.test');
    const balances = await db.query('SELECT balance FROM credit_balances WHERE user_id = $1', [userId]);
    const ledger = await db.query('SELECT kind, amount, balance_after FROM credit_transactions WHERE user_id = $1', [
      userId,
    ]);
    expect(balances.rows).toEqual([{ balance: SIGNUP_CREDITS }]);
    expect(ledger.rows).toEqual([{ kind: 'signup_bonus', amount: SIGNUP_CREDITS, balance_after: SIGNUP_CREDITS }]);
  });

  test('does the same for every row of a multi-row insert', async ({ db }) => {
    await db.query("INSERT INTO users (email) VALUES ('a@cutx.test'), ('b@cutx.test'), ('c@cutx.test')");
    const { rows } = await db.query(
      `SELECT count(*)::int AS users,
              (SELECT count(*)::int FROM credit_balances WHERE balance = $1) AS balances,
              (SELECT count(*)::int FROM credit_transactions WHERE kind = 'signup_bonus') AS grants
         FROM users`,
      [SIGNUP_CREDITS],
    );
    expect(rows).toEqual([{ users: 3, balances: 3, grants: 3 }]);
  });
});

describe('updated_at (guarantee 3)', () => {
  test('moves updated_at forward on every update and never changes created_at', async ({ db }) => {
    const userId = await insertUser(db, 'clock@cutx.test');
    // In microseconds, as the database keeps them: two updates can fall in one millisecond.
    const read = async () => {
      const { rows } = await db.query<{ created_at: Date; updated_us: string }>(
        `SELECT created_at, (extract(epoch FROM updated_at) * 1000000)::bigint::text AS updated_us
           FROM users WHERE id = $1`,
        [userId],
      );
      return rows[0] && { created_at: rows[0].created_at, updated_at: BigInt(rows[0].updated_us) };
    };
    const before = await read();
    await db.query("UPDATE users SET display_name = 'One' WHERE id = $1", [userId]);
    const once = await read();
    await db.query("UPDATE users SET display_name = 'Two', created_at = '2000-01-01' WHERE id = $1", [userId]);
    const twice = await read();
    expect(once?.updated_at).toBeGreaterThan(before?.updated_at ?? Number.POSITIVE_INFINITY);
    expect(twice?.updated_at).toBeGreaterThan(once?.updated_at ?? Number.POSITIVE_INFINITY);
    expect(twice?.created_at).toEqual(before?.created_at);
  });

  test('does not let an update move updated_at backwards', async ({ db }) => {
    const userId = await insertUser(db, 'past@cutx.test');
    await db.query("UPDATE users SET updated_at = '2000-01-01' WHERE id = $1", [userId]);
    const { rows } = await db.query<{ moved: boolean }>(
      'SELECT updated_at > created_at AS moved FROM users WHERE id = $1',
      [userId],
    );
    expect(rows).toEqual([{ moved: true }]);
  });
});

describe('idempotency (guarantee 5)', () => {
  const insertJob = (db: SqlClient, userId: string, key: string) =>
    db.query("INSERT INTO generation_jobs (user_id, type, idempotency_key) VALUES ($1, 'copy', $2)", [userId, key]);

  test('refuses the same key twice for one user with unique_violation on idx_jobs_idempotency', async ({ db }) => {
    const userId = await insertUser(db, 'retry@cutx.test');
    await insertJob(db, userId, 'request-1');
    await expectSqlState(insertJob(db, userId, 'request-1'), SQL_STATE.uniqueViolation, 'idx_jobs_idempotency');
  });

  test('accepts the same key for two users', async ({ db }) => {
    const first = await insertUser(db, 'first@cutx.test');
    const second = await insertUser(db, 'second@cutx.test');
    await insertJob(db, first, 'request-1');
    await insertJob(db, second, 'request-1');
    const { rows } = await db.query(
      "SELECT count(*)::int AS jobs FROM generation_jobs WHERE idempotency_key = 'request-1'",
    );
    expect(rows).toEqual([{ jobs: 2 }]);
  });
});

describe('search (guarantee 6)', () => {
  test.beforeEach(async ({ db }) => {
    const userId = await insertUser(db, 'cards@cutx.test');
    await db.query(
      `INSERT INTO inventory_items (user_id, name, category, condition, cost_cents, value_cents)
       SELECT $1, name, 'trading_cards', 'good', 100, 200
         FROM unnest(ARRAY['Charizard Base Set Holo', 'Pikachu Illustrator', 'Blastoise Shadowless', 'Mewtwo GX']) AS name`,
      [userId],
    );
  });

  const names = async (db: SqlClient, where: string, param: string) =>
    (
      await db.query<{ name: string }>(`SELECT name FROM inventory_items WHERE ${where} ORDER BY name`, [param])
    ).rows.map((row) => row.name);

  test('finds a substring with ILIKE, whatever its case', async ({ db }) => {
    expect(await names(db, 'name ILIKE $1', '%shadowLESS%')).toEqual(['Blastoise Shadowless']);
  });

  test('finds a name with a typo by similarity', async ({ db }) => {
    expect(await names(db, 'word_similarity($1, name) > 0.5', 'charizrd')).toEqual(['Charizard Base Set Holo']);
    expect(await names(db, '$1 <% name', 'charizrd')).toEqual(['Charizard Base Set Holo']);
  });

  test('uses idx_inventory_search for ILIKE and similarity once the table is analyzed', async ({ db }) => {
    await db.exec('ANALYZE inventory_items; SET LOCAL enable_seqscan = off');
    for (const predicate of ["name ILIKE '%izar%'", "name % 'charizrd'"]) {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM inventory_items WHERE ${predicate}`,
      );
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('idx_inventory_search');
    }
  });
});

describe('audit (guarantee 10)', () => {
  const insertEntry = async (db: SqlClient, actorId: string) =>
    (
      await db.query<{ id: string }>(
        "INSERT INTO admin_audit_log (actor_id, actor_email, action) VALUES ($1, 'admin@cutx.test', 'user.suspend') RETURNING id",
        [actorId],
      )
    ).rows[0]?.id;

  test('refuses UPDATE and DELETE of an entry', async ({ db }) => {
    const entryId = await insertEntry(db, await insertUser(db, 'admin@cutx.test'));
    await db.exec('SAVEPOINT refused');
    await expectSqlState(
      db.query("UPDATE admin_audit_log SET action = 'user.ban' WHERE id = $1", [entryId]),
      SQL_STATE.insufficientPrivilege,
    );
    await db.exec('ROLLBACK TO SAVEPOINT refused');
    await expectSqlState(
      db.query('DELETE FROM admin_audit_log WHERE id = $1', [entryId]),
      SQL_STATE.insufficientPrivilege,
    );
    await db.exec('ROLLBACK TO SAVEPOINT refused');
    const { rows } = await db.query('SELECT action FROM admin_audit_log WHERE id = $1', [entryId]);
    expect(rows).toEqual([{ action: 'user.suspend' }]);
  });

  test('keeps the entry when its actor is deleted, with the actor nulled', async ({ db }) => {
    const actorId = await insertUser(db, 'admin@cutx.test');
    const entryId = await insertEntry(db, actorId);
    await db.query('DELETE FROM users WHERE id = $1', [actorId]);
    const { rows } = await db.query('SELECT actor_id, actor_email FROM admin_audit_log WHERE id = $1', [entryId]);
    expect(rows).toEqual([{ actor_id: null, actor_email: 'admin@cutx.test' }]);
  });
});
