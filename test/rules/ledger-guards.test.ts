import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { SIGNUP_CREDITS } from '../../src/rows/index.js';
import { attempt } from '../properties/support/isolation.js';
import { snapshot } from '../properties/support/snapshot.js';
import { SQL_STATE } from '../support/sql-state.js';
import { openTestDb, type TestDb } from '../support/test-db.js';
import { attacks } from './support/test-attacks.js';

// The ledger (schema/0004) is append-only and the only way a balance moves: each operation
// a client could use on credit_transactions and credit_balances is tried, beside the one
// path that must still work (the ledger's own insert, a job's deletion, a user's deletion).
let db: TestDb;
let userId: string;
let jobId: string;
let entryId: string;
beforeAll(async () => {
  db = await openTestDb();
  const { rows } = await db.query<{ id: string }>("INSERT INTO users (email) VALUES ('ledger@cutx.test') RETURNING id");
  userId = rows[0]?.id ?? '';
  const job = await db.query<{ id: string }>(
    "INSERT INTO generation_jobs (user_id, type, idempotency_key, credits_cost) VALUES ($1, 'copy', 'k', 2) RETURNING id",
    [userId],
  );
  jobId = job.rows[0]?.id ?? '';
  const entry = await db.query<{ id: string }>('SELECT id FROM credit_transactions WHERE job_id = $1', [jobId]);
  entryId = entry.rows[0]?.id ?? '';
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('BEGIN');
  return () => db.exec('ROLLBACK');
});

const REFUSED = { code: SQL_STATE.insufficientPrivilege };
const balanceOf = async (user = userId) =>
  (await db.query<{ balance: number }>('SELECT balance FROM credit_balances WHERE user_id = $1', [user])).rows[0]
    ?.balance;

/** Expects each statement refused with `error`, and the database exactly as before it. */
async function expectRefused(statements: [string, unknown[]][], error: object): Promise<void> {
  const before = await snapshot(db);
  for (const [sql, params] of statements) expect(await attempt(db, sql, params), sql).toEqual(error);
  expect(await snapshot(db)).toEqual(before);
}

describe('the ledger is append-only', () => {
  attacks(
    'credit_transactions_append_only',
    'refuses UPDATE of any column, DELETE, and a direct SET NULL',
    async () => {
      await expectRefused(
        [
          ['UPDATE credit_transactions SET amount = amount - 1 WHERE id = $1', [entryId]],
          ["UPDATE credit_transactions SET description = 'edited' WHERE id = $1", [entryId]],
          ['UPDATE credit_transactions SET balance_after = balance_after WHERE id = $1', [entryId]],
          ['UPDATE credit_transactions SET job_id = NULL WHERE id = $1', [entryId]],
          ['DELETE FROM credit_transactions WHERE id = $1', [entryId]],
          ['DELETE FROM credit_transactions WHERE user_id = $1', [userId]],
        ],
        REFUSED,
      );
    },
  );

  attacks(
    'credit_transactions_append_only',
    "lets a job's deletion null only job_id, and a user's remove the rows",
    async () => {
      const before = (await db.query('SELECT * FROM credit_transactions WHERE id = $1', [entryId])).rows[0];
      await db.query('DELETE FROM generation_jobs WHERE id = $1', [jobId]);
      const after = (await db.query('SELECT * FROM credit_transactions WHERE id = $1', [entryId])).rows[0];
      expect(after).toEqual({ ...before, job_id: null });
      await db.query('DELETE FROM users WHERE id = $1', [userId]);
      expect((await db.query('SELECT id FROM credit_transactions WHERE user_id = $1', [userId])).rows).toEqual([]);
    },
  );

  attacks('credit_transactions_apply', 'moves the balance by exactly the amount and records it', async () => {
    const other = (await db.query<{ id: string }>("INSERT INTO users (email) VALUES ('o@cutx.test') RETURNING id"))
      .rows[0]?.id;
    const start = (await balanceOf()) ?? 0;
    for (const [kind, amount] of [
      ['purchase', 1],
      ['adjustment', -1],
      ['adjustment', -start],
    ] as const) {
      const before = (await balanceOf()) ?? 0;
      const { rows } = await db.query<{ balance_after: number }>(
        'INSERT INTO credit_transactions (user_id, kind, amount) VALUES ($1, $2, $3) RETURNING balance_after',
        [userId, kind, amount],
      );
      expect(await balanceOf()).toBe(before + amount);
      expect(rows[0]?.balance_after).toBe(before + amount);
    }
    expect(await balanceOf()).toBe(0);
    expect(await balanceOf(other)).toBe(SIGNUP_CREDITS);
  });
});

describe('a balance moves only through the ledger', () => {
  attacks(
    'credit_balances_guard',
    'refuses INSERT, UPDATE of balance by one either way, of user_id or id, and DELETE',
    async () => {
      const other = (await db.query<{ id: string }>("INSERT INTO users (email) VALUES ('o@cutx.test') RETURNING id"))
        .rows[0]?.id;
      await expectRefused(
        [
          ['UPDATE credit_balances SET balance = balance + 1 WHERE user_id = $1', [userId]],
          ['UPDATE credit_balances SET balance = balance - 1 WHERE user_id = $1', [userId]],
          ['UPDATE credit_balances SET user_id = $2 WHERE user_id = $1', [userId, other]],
          ['UPDATE credit_balances SET id = $2 WHERE user_id = $1', [userId, randomUUID()]],
          ['DELETE FROM credit_balances WHERE user_id = $1', [userId]],
          ['INSERT INTO credit_balances (user_id, balance) VALUES ($1, 0)', [randomUUID()]],
          ['INSERT INTO credit_balances (user_id, balance) VALUES ($1, 1000000)', [other]],
        ],
        REFUSED,
      );
    },
  );

  attacks('credit_balances_guard', "lets an UPDATE that keeps the balance through, and a user's deletion", async () => {
    expect(
      await attempt(db, "UPDATE credit_balances SET updated_at = now() + interval '1 day' WHERE user_id = $1", [
        userId,
      ]),
    ).toBeUndefined();
    await db.query('DELETE FROM users WHERE id = $1', [userId]);
    expect((await db.query('SELECT id FROM credit_balances WHERE user_id = $1', [userId])).rows).toEqual([]);
  });

  attacks(
    'credit_balances_balance_nonnegative',
    'a debit of the whole balance lands, one more credit is refused',
    async () => {
      const balance = (await balanceOf()) ?? 0;
      const debit = (amount: number) =>
        attempt(db, "INSERT INTO credit_transactions (user_id, kind, amount) VALUES ($1, 'adjustment', $2)", [
          userId,
          amount,
        ]);
      const before = await snapshot(db);
      expect(await debit(-(balance + 1))).toEqual({
        code: SQL_STATE.checkViolation,
        constraint: 'credit_balances_balance_nonnegative',
      });
      expect(await snapshot(db)).toEqual(before);
      expect(await debit(-balance)).toBeUndefined();
      expect(await balanceOf()).toBe(0);
    },
  );
});

// The keys of credit_balances stand behind the guard, so they are attacked with it switched
// off for the (rolled-back) transaction: the ledger and signup triggers are its only writers.
describe('the keys of credit_balances', () => {
  beforeEach(() => db.exec('ALTER TABLE credit_balances DISABLE TRIGGER credit_balances_guard'));
  const balanceRow = async () =>
    (await db.query<{ id: string }>('SELECT id FROM credit_balances WHERE user_id = $1', [userId])).rows[0]?.id;
  const insert = (id: string, user: string) =>
    attempt(db, 'INSERT INTO credit_balances (id, user_id) VALUES ($1, $2)', [id, user]);
  const bareUser = async () => {
    const id = (await db.query<{ id: string }>("INSERT INTO users (email) VALUES ('bare@cutx.test') RETURNING id"))
      .rows[0]?.id as string;
    await db.query('DELETE FROM credit_balances WHERE user_id = $1', [id]);
    return id;
  };

  attacks('credit_balances_pkey', 'a second row with the same id is refused', async () => {
    const bare = await bareUser();
    expect(await insert((await balanceRow()) as string, bare)).toMatchObject({
      code: SQL_STATE.uniqueViolation,
      constraint: 'credit_balances_pkey',
    });
    expect(await insert(randomUUID(), bare)).toBeUndefined();
  });

  attacks('credit_balances_user_id_key', 'a second balance for one user is refused', async () => {
    expect(await insert(randomUUID(), userId)).toEqual({
      code: SQL_STATE.uniqueViolation,
      constraint: 'credit_balances_user_id_key',
    });
    expect(await insert(randomUUID(), await bareUser())).toBeUndefined();
  });

  attacks('credit_balances_user_id_fkey', 'a balance of a missing user is refused', async () => {
    expect(await insert(randomUUID(), randomUUID())).toEqual({
      code: SQL_STATE.foreignKeyViolation,
      constraint: 'credit_balances_user_id_fkey',
    });
    expect(await insert(randomUUID(), await bareUser())).toBeUndefined();
  });
});
