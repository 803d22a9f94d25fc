import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDb, type PgTestDb } from '../../src/testing/pg-test-db.js';

// Races need real concurrent connections: PGlite is one connection, so these run only
// against a server (CUTX_TEST_DATABASE_URL).
describe('concurrent connections on a real server', () => {
  let db: PgTestDb;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createPgTestDb(process.env.CUTX_TEST_DATABASE_URL ?? '');
    pool = new pg.Pool({ connectionString: db.url, max: 8 });
  });
  afterAll(async () => {
    await pool.end();
    await db.close();
  });

  async function insertUser(email: string): Promise<string> {
    const { rows } = await pool.query<{ id: string }>('INSERT INTO users (email) VALUES ($1) RETURNING id', [email]);
    return rows[0]?.id ?? '';
  }

  /** Runs each statement on its own connection, all at once; returns what each did. */
  async function race(statements: [string, unknown[]][]): Promise<PromiseSettledResult<pg.QueryResult>[]> {
    return Promise.allSettled(statements.map(([sql, params]) => pool.query(sql, params)));
  }

  it('lets exactly one of eight connections racing one idempotency key create the job', async () => {
    const userId = await insertUser('racer@cutx.test');
    const insert =
      "INSERT INTO generation_jobs (user_id, type, idempotency_key, credits_cost) VALUES ($1, 'copy', 'same-key', 1)";
    const results = await race(Array.from({ length: 8 }, (): [string, unknown[]] => [insert, [userId]]));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(results.length - refused.length).toBe(1);
    for (const result of refused) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        code: '23505',
        constraint: 'idx_jobs_idempotency',
      });
    }
    const { rows } = await pool.query(
      `SELECT (SELECT count(*)::int FROM generation_jobs WHERE user_id = $1) AS jobs,
              (SELECT balance FROM credit_balances WHERE user_id = $1) AS balance`,
      [userId],
    );
    // One job, charged once: the refused duplicates left no debit behind.
    expect(rows).toEqual([{ jobs: 1, balance: 24 }]);
  });

  it('never overdraws when concurrent debits together exceed the balance', async () => {
    const userId = await insertUser('spender@cutx.test');
    const debit = "INSERT INTO credit_transactions (user_id, kind, amount) VALUES ($1, 'generation', -4)";
    const results = await race(Array.from({ length: 10 }, (): [string, unknown[]] => [debit, [userId]]));
    const accepted = results.filter((result) => result.status === 'fulfilled').length;
    // 25 credits cover six debits of 4; the other four are refused as overdrafts.
    expect(accepted).toBe(6);
    const { rows } = await pool.query(
      `SELECT b.balance, (SELECT sum(amount)::int FROM credit_transactions t WHERE t.user_id = b.user_id) AS ledger
         FROM credit_balances b WHERE b.user_id = $1`,
      [userId],
    );
    expect(rows).toEqual([{ balance: 1, ledger: 1 }]);
  });

  it('leaves no orphan when a user is deleted while jobs are being inserted for it', async () => {
    const userId = await insertUser('leaving@cutx.test');
    const insertJob = "INSERT INTO generation_jobs (user_id, type, idempotency_key) VALUES ($1, 'tts', $2)";
    const statements: [string, unknown[]][] = Array.from({ length: 12 }, (_, n) => [insertJob, [userId, `job-${n}`]]);
    statements.splice(6, 0, ['DELETE FROM users WHERE id = $1', [userId]]);
    const results = await race(statements);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: '23503' });
    }
    const { rows } = await pool.query(
      `SELECT (SELECT count(*)::int FROM users WHERE id = $1) AS users,
              (SELECT count(*)::int FROM generation_jobs j WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = j.user_id)) AS orphan_jobs,
              (SELECT count(*)::int FROM credit_transactions t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id)) AS orphan_credits`,
      [userId],
    );
    expect(rows).toEqual([{ users: 0, orphan_jobs: 0, orphan_credits: 0 }]);
  });
});
