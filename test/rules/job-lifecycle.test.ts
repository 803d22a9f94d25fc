import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { SIGNUP_CREDITS } from '../../src/rows/index.js';
import { attempt } from '../properties/support/isolation.js';
import { snapshot } from '../properties/support/snapshot.js';
import { SQL_STATE } from '../support/sql-state.js';
import { openTestDb, type TestDb } from '../support/test-db.js';
import { attacks } from './support/test-attacks.js';
import { INSTANT } from './support/values.js';

// The job lifecycle as schema/0003 and 0004 state it, each read from the SQL: which status
// may follow which, the cost frozen once paid, and the debit at insert.
const STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
type Status = (typeof STATUSES)[number];

/** pending -> processing -> completed | failed; a pending job may fail; a status may stay. */
const ALLOWED: Record<Status, Status[]> = {
  pending: ['pending', 'processing', 'failed'],
  processing: ['processing', 'completed', 'failed'],
  completed: ['completed'],
  failed: ['failed'],
};

/** The columns each status needs by its CHECKs, so only the transition rule can refuse. */
const COLUMNS_FOR: Record<
  Status,
  { output_url: string | null; error_message: string | null; completed_at: string | null }
> = {
  pending: { output_url: null, error_message: null, completed_at: null },
  processing: { output_url: null, error_message: null, completed_at: null },
  completed: { output_url: 'https://out.test/1', error_message: null, completed_at: INSTANT },
  failed: { output_url: null, error_message: 'rejected', completed_at: INSTANT },
};

let db: TestDb;
let userId: string;
let serial = 0;
beforeAll(async () => {
  db = await openTestDb();
  const { rows } = await db.query<{ id: string }>("INSERT INTO users (email) VALUES ('jobs@cutx.test') RETURNING id");
  userId = rows[0]?.id ?? '';
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('BEGIN');
  return () => db.exec('ROLLBACK');
});

const insertJob = (status: Status, cost = 0, user = userId) => {
  const c = COLUMNS_FOR[status];
  return attempt(
    db,
    `INSERT INTO generation_jobs (user_id, type, status, idempotency_key, credits_cost, output_url, error_message, completed_at)
     VALUES ($1, 'copy', $2, $3, $4, $5, $6, $7)`,
    [user, status, `key-${serial++}`, cost, c.output_url, c.error_message, c.completed_at],
  );
};
const onlyJob = async () =>
  (await db.query<{ id: string }>('SELECT id FROM generation_jobs ORDER BY created_at DESC, id LIMIT 1')).rows[0]?.id;
const balance = async () =>
  (await db.query<{ balance: number }>('SELECT balance FROM credit_balances WHERE user_id = $1', [userId])).rows[0]
    ?.balance;

describe('the job lifecycle', () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));
  for (const [from, to] of pairs) {
    const allowed = ALLOWED[from].includes(to);
    attacks('generation_jobs_status_transition', `${from} -> ${to} is ${allowed ? 'allowed' : 'refused'}`, async () => {
      expect(await insertJob(from)).toBeUndefined();
      const id = await onlyJob();
      const before = await snapshot(db);
      const c = COLUMNS_FOR[to];
      const error = await attempt(
        db,
        'UPDATE generation_jobs SET status = $2, output_url = $3, error_message = $4, completed_at = $5 WHERE id = $1',
        [id, to, c.output_url, c.error_message, c.completed_at],
      );
      if (allowed) return expect(error).toBeUndefined();
      expect(error).toEqual({ code: SQL_STATE.checkViolation, constraint: 'generation_jobs_status_transition' });
      expect(await snapshot(db)).toEqual(before);
    });
  }

  attacks('generation_jobs_freeze_cost', 'a paid cost cannot change by one either way, or to 0', async () => {
    expect(await insertJob('pending', 2)).toBeUndefined();
    const id = await onlyJob();
    expect(await attempt(db, 'UPDATE generation_jobs SET credits_cost = 2, attempts = 1 WHERE id = $1', [id])).toBe(
      undefined,
    );
    const before = await snapshot(db);
    for (const cost of [3, 1, 0]) {
      expect(await attempt(db, 'UPDATE generation_jobs SET credits_cost = $2 WHERE id = $1', [id, cost])).toEqual({
        code: SQL_STATE.checkViolation,
        constraint: 'generation_jobs_credits_cost_frozen',
      });
    }
    expect(await snapshot(db)).toEqual(before);
  });

  attacks('generation_jobs_freeze_cost', 'a free job cannot be given a cost later', async () => {
    expect(await insertJob('pending', 0)).toBeUndefined();
    const id = await onlyJob();
    expect(await attempt(db, 'UPDATE generation_jobs SET credits_cost = 1 WHERE id = $1', [id])).toEqual({
      code: SQL_STATE.checkViolation,
      constraint: 'generation_jobs_credits_cost_frozen',
    });
  });

  for (const status of STATUSES) {
    attacks('generation_jobs_debit_credits', `a job inserted ${status} pays its cost, to the last credit`, async () => {
      expect(await insertJob(status, 1)).toBeUndefined();
      expect(await balance()).toBe(SIGNUP_CREDITS - 1);
      const id = await onlyJob();
      const { rows } = await db.query('SELECT kind, amount, job_id FROM credit_transactions WHERE job_id = $1', [id]);
      expect(rows).toEqual([{ kind: 'generation', amount: -1, job_id: id }]);
      expect(await insertJob(status, SIGNUP_CREDITS - 1)).toBeUndefined();
      expect(await balance()).toBe(0);
    });

    attacks(
      'generation_jobs_debit_credits',
      `a job inserted ${status} without enough credits is not created`,
      async () => {
        const before = await snapshot(db);
        expect(await insertJob(status, SIGNUP_CREDITS + 1)).toEqual({
          code: SQL_STATE.checkViolation,
          constraint: 'credit_balances_balance_nonnegative',
        });
        expect(await snapshot(db)).toEqual(before);
      },
    );
  }

  attacks('generation_jobs_debit_credits', 'a free job moves no credits', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM credit_transactions');
    expect(await insertJob('pending', 0)).toBeUndefined();
    expect(await db.query('SELECT count(*)::int AS n FROM credit_transactions')).toEqual(before);
    expect(await balance()).toBe(SIGNUP_CREDITS);
  });
});
