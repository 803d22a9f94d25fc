import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbTest } from '../support/db-test.js';
import { SQL_STATE } from '../support/sql-state.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { attempt, rolledBack } from './support/isolation.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';

interface Requests {
  users: number;
  /** A small pool of keys, so that users and retries collide often. */
  keys: string[];
  /** Which user sends which key of the pool, at what cost, in order. */
  inserts: { user: number; key: number; cost: number }[];
}

// At most 12 inserts of cost 2: no user can run out of its 25 signup credits.
const requests: fc.Arbitrary<Requests> = fc.record({
  users: fc.integer({ min: 2, max: 3 }),
  keys: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
  inserts: fc.array(fc.record({ user: fc.nat({ max: 2 }), key: fc.nat({ max: 2 }), cost: fc.nat({ max: 2 }) }), {
    minLength: 1,
    maxLength: 12,
  }),
});

/** Everything a job insert writes, directly or through its triggers: jobs, ledger, balances. */
const writes = async (db: TestDb) =>
  (
    await db.query(
      `SELECT (SELECT jsonb_agg(to_jsonb(j) ORDER BY id) FROM generation_jobs j) AS jobs,
              (SELECT jsonb_agg(to_jsonb(t) ORDER BY id) FROM credit_transactions t) AS ledger,
              (SELECT jsonb_agg(to_jsonb(b) ORDER BY id) FROM credit_balances b) AS balances`,
    )
  ).rows;

/**
 * Any interleaving of job requests leaves exactly one job per (user, key); each repeat is
 * refused with unique_violation on idx_jobs_idempotency and changes nothing at all.
 */
const idempotency: DbProperty<[Requests]> = async (db) =>
  fc.asyncProperty(requests, ({ users, keys, inserts }) =>
    rolledBack(db, async () => {
      const { rows } = await db.query<{ id: string }>(
        "INSERT INTO users (email) SELECT 'buyer' || n || '@cutx.test' FROM generate_series(1, $1) n RETURNING id",
        [users],
      );
      const ids = rows.map((row) => row.id);
      const accepted = new Set<string>();
      for (const insert of inserts) {
        const userId = ids[insert.user % ids.length];
        const key = keys[insert.key % keys.length];
        const pair = JSON.stringify([userId, key]);
        const repeat = accepted.has(pair);
        const before = repeat ? await writes(db) : undefined;
        const error = await attempt(
          db,
          "INSERT INTO generation_jobs (user_id, type, idempotency_key, credits_cost) VALUES ($1, 'copy', $2, $3)",
          [userId, key, insert.cost],
        );
        if (repeat) {
          expect(error).toEqual({ code: SQL_STATE.uniqueViolation, constraint: 'idx_jobs_idempotency' });
          expect(await writes(db)).toEqual(before);
        } else {
          expect(error).toBeUndefined();
          accepted.add(pair);
        }
      }
      const jobs = await db.query<{ pair: string }>(
        'SELECT jsonb_build_array(user_id, idempotency_key)::text AS pair FROM generation_jobs',
      );
      expect(jobs.rows.map((row) => JSON.stringify(JSON.parse(row.pair))).sort()).toEqual([...accepted].sort());
    }),
  );

describe('idempotency (guarantee 5)', () => {
  dbTest('keeps exactly one job per (user, key) and refuses each repeat without a partial write', async ({ db }) => {
    await fc.assert(await idempotency(db), fcOptions(20));
  });

  it('reaches a repeat by one user and one key sent by two users in its default runs', () => {
    const sent = ({ users, keys, inserts }: Requests) =>
      inserts.map(({ user, key }) => ({ user: user % users, key: key % keys.length }));
    const repeats = (requests: Requests) =>
      sent(requests).some((a, i, all) => all.slice(i + 1).some((b) => a.user === b.user && a.key === b.key));
    const shared = (requests: Requests) =>
      sent(requests).some((a, _i, all) => all.some((b) => a.user !== b.user && a.key === b.key));
    expect(unreached(requests, 20, { 'a repeat by one user': repeats, 'one key from two users': shared })).toEqual([]);
  });

  it.each([
    [
      'the index is not unique',
      'DROP INDEX idx_jobs_idempotency; CREATE INDEX idx_jobs_idempotency ON generation_jobs (user_id, idempotency_key)',
    ],
    [
      'keys are unique across users',
      'DROP INDEX idx_jobs_idempotency; CREATE UNIQUE INDEX idx_jobs_idempotency ON generation_jobs (idempotency_key)',
    ],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, idempotency, 20));
});
