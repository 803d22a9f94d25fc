import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { personas } from '../../seeds/personas.js';
import type { Scenario } from '../../seeds/scenario.js';
import { scenarios } from '../../seeds/scenarios/index.js';
import { seedDatabase } from '../../seeds/seed-database.js';
import { countRows, noTableHasPages, tableNames } from '../../seeds/table-order.js';
import { CutxDbError } from '../../src/db/errors.js';
import { SIGNUP_CREDITS } from '../../src/rows/signup-credits.js';
import { openTestDb, type TestDb } from '../support/test-db.js';

const dev = scenarios.dev as Scenario;

/** A scenario that makes one user, then fails: the seed must leave no trace of it. */
const failsMidway: Scenario = {
  name: 'fails-midway',
  description: 'makes a user, then throws',
  plan: () => [
    { label: 'a user', run: async ({ f }) => void (await f.users.create()) },
    {
      label: 'a failure',
      run: () => Promise.reject(new CutxDbError('invalid_input', 'injected failure')),
    },
  ],
};

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await seedDatabase(db, { scenario: dev, seed: 1, scale: 1 });
});
afterAll(async () => {
  await db.close();
});

const one = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows[0] as T;

describe('seedDatabase with the dev scenario', () => {
  it('fills every table', async () => {
    const counts = await countRows(db);
    expect(tableNames.filter((table) => counts[table] === 0)).toEqual([]);
  });

  it('keeps the ledger: every balance is the sum of its transactions, and none is negative', async () => {
    const { broken } = await one<{ broken: number }>(
      `SELECT count(*)::int AS broken FROM credit_balances b
        WHERE b.balance < 0 OR b.balance <> (SELECT coalesce(sum(amount), 0) FROM credit_transactions t WHERE t.user_id = b.user_id)`,
    );
    expect(broken).toBe(0);
  });

  it('gives the personas their fixed ids, roles, statuses and balances', async () => {
    const rows = (
      await db.query<{ id: string; role: string; status: string; balance: number; transactions: number }>(
        `SELECT u.id, u.role, u.status, b.balance,
                (SELECT count(*)::int FROM credit_transactions t WHERE t.user_id = u.id) AS transactions
           FROM users u JOIN credit_balances b ON b.user_id = u.id WHERE u.id = ANY($1::uuid[])`,
        [Object.values(personas).map((persona) => persona.id)],
      )
    ).rows;
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const persona of Object.values(personas)) {
      expect(byId.get(persona.id)).toMatchObject({ role: persona.role, status: persona.status });
    }
    expect(byId.get(personas.zeroCredits.id)?.balance).toBe(0);
    expect(byId.get(personas.newcomer.id)).toMatchObject({ balance: SIGNUP_CREDITS, transactions: 1 });
  });

  it('has every job type in every status', async () => {
    const { pairs } = await one<{ pairs: number }>(
      'SELECT count(DISTINCT (type, status))::int AS pairs FROM generation_jobs',
    );
    expect(pairs).toBe(5 * 4);
  });

  it('gives every campaign that ran 90 days of analytics', async () => {
    const { days } = await one<{ days: number[] }>(
      `SELECT array_agg(DISTINCT n) AS days FROM (
         SELECT count(a.id)::int AS n FROM campaigns c LEFT JOIN campaign_analytics a ON a.campaign_id = c.id
          WHERE c.status <> 'draft' GROUP BY c.id) t`,
    );
    expect(days).toEqual([90]);
  });

  it('makes inventory names worth searching: a typo finds Charizard', async () => {
    const { found } = await one<{ found: number }>(
      `SELECT count(*)::int AS found FROM inventory_items WHERE name % 'charizrd' OR name ILIKE '%charizard%'`,
    );
    expect(found).toBeGreaterThan(0);
  });
});

describe('seedDatabase lookups', () => {
  // Every lookup a seed makes is by key. A plan cached while a table was still small scans
  // it whole instead, for every row written: a seed quadratic in its scale.
  it('reads no table whole: each foreign-key check and trigger lookup uses an index', async () => {
    const scanned: { relname: string; seq_tup_read: number }[] = [];
    const watched: Scenario = {
      ...dev,
      plan: (scale) => [
        ...dev.plan(scale),
        {
          label: 'read the scan counters',
          run: async ({ client }) => {
            const { rows } = await client.query<{ relname: string; seq_tup_read: number }>(
              'SELECT relname, seq_tup_read::int FROM pg_stat_xact_user_tables WHERE seq_tup_read > 0',
            );
            scanned.push(...rows);
          },
        },
      ],
    };
    const fresh = await openTestDb();
    try {
      const { totalRows } = await seedDatabase(fresh, { scenario: watched, seed: 1, scale: 1, analyze: false });
      expect(totalRows).toBeGreaterThan(5_000); // the rows that made a cached full scan costly
      expect(scanned).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('seedDatabase on a database that holds rows', () => {
  it('refuses without reset, naming the row count and --reset', async () => {
    const before = await countRows(db);
    await expect(seedDatabase(db, { scenario: dev, target: 'the test database' })).rejects.toMatchObject({
      code: 'target_not_empty',
      message: expect.stringMatching(/^the test database already holds [\d,]+ rows; pass --reset/),
    });
    expect(await countRows(db)).toEqual(before);
  });

  it('leaves the rows and seeds nothing when told to skip', async () => {
    const before = await countRows(db);
    const result = await seedDatabase(db, { scenario: failsMidway, onExisting: 'skip' });
    expect(result.seeded).toBe(false);
    expect(result.existingRows).toBeGreaterThan(0);
    expect(await countRows(db)).toEqual(before);
  });

  it('leaves the previous rows intact when a reset seed fails midway', async () => {
    const before = await countRows(db);
    await expect(seedDatabase(db, { scenario: failsMidway, onExisting: 'reset' })).rejects.toThrow('injected failure');
    expect(await countRows(db)).toEqual(before);
  });

  it('replaces the rows on reset, with the same rows for the same seed', async () => {
    const before = await countRows(db);
    const ids = async () => (await db.query<{ id: string }>('SELECT id FROM inventory_items ORDER BY id')).rows;
    const idsBefore = await ids();
    const result = await seedDatabase(db, { scenario: dev, seed: 1, onExisting: 'reset' });
    expect(result.rows).toEqual(before);
    expect(await ids()).toEqual(idsBefore);
  });
});

describe('seedDatabase on a database whose tables held rows that were deleted', () => {
  it('counts instead of trusting their pages, and seeds', async () => {
    const emptied = await openTestDb();
    try {
      expect(await noTableHasPages(emptied)).toBe(true);
      await createFactories(emptied, { seed: 2 }).inventoryItems.createList(3);
      await emptied.exec('DELETE FROM users');
      expect(await noTableHasPages(emptied)).toBe(false);
      const result = await seedDatabase(emptied, { scenario: dev, seed: 1, analyze: false });
      expect(result).toMatchObject({ seeded: true, existingRows: 0 });
      expect(result.rows).toEqual(await countRows(db));
    } finally {
      await emptied.close();
    }
  });
});
