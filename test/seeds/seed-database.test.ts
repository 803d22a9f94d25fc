import { describe, expect } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { DEFAULT_AS_OF } from '../../seeds/as-of.js';
import { personas } from '../../seeds/personas.js';
import type { Scenario } from '../../seeds/scenario.js';
import { ANALYTICS_DAYS } from '../../seeds/scenarios/dev/ads.js';
import { scenarios } from '../../seeds/scenarios/index.js';
import { seedDatabase } from '../../seeds/seed-database.js';
import { checkSeedScale, MAX_SEED_SCALE } from '../../seeds/seed-scale.js';
import { countRows, noTableHasPages, tableNames } from '../../seeds/table-order.js';
import { CutxDbError } from '../../src/db/errors.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { SIGNUP_CREDITS } from '../../src/rows/signup-credits.js';
import { dbTest as test } from '../support/db-test.js';
import { openTestDb } from '../support/test-db.js';

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

test.beforeAll(async ({ db }) => {
  await seedDatabase(db, { scenario: dev, seed: 1, scale: 1 });
});

const one = async <T>(db: SqlClient, sql: string, params: unknown[] = []) =>
  (await db.query<T>(sql, params)).rows[0] as T;

describe('seedDatabase with the dev scenario', () => {
  test('fills every table', async ({ db }) => {
    const counts = await countRows(db);
    expect(tableNames.filter((table) => counts[table] === 0)).toEqual([]);
  });

  test('keeps the ledger: every balance is the sum of its transactions, and none is negative', async ({ db }) => {
    const { broken } = await one<{ broken: number }>(
      db,
      `SELECT count(*)::int AS broken FROM credit_balances b
        WHERE b.balance < 0 OR b.balance <> (SELECT coalesce(sum(amount), 0) FROM credit_transactions t WHERE t.user_id = b.user_id)`,
    );
    expect(broken).toBe(0);
  });

  test('gives the personas their fixed ids, roles, statuses and balances', async ({ db }) => {
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

  test('has every job type in every status', async ({ db }) => {
    const { pairs } = await one<{ pairs: number }>(
      db,
      'SELECT count(DISTINCT (type, status))::int AS pairs FROM generation_jobs',
    );
    expect(pairs).toBe(5 * 4);
  });

  test('gives every campaign that ran a day of analytics per day it ran, the last 90 at most, none after the anchor', async ({
    db,
  }) => {
    const rows = (
      await db.query<{ status: string; n: number; first: string; last: string; span: number; started: string }>(
        `SELECT c.status, count(a.id)::int AS n, min(a.date)::text AS first, max(a.date)::text AS last,
                max(a.date) - min(a.date) + 1 AS span, (c.starts_at AT TIME ZONE 'UTC')::date::text AS started
           FROM campaigns c LEFT JOIN campaign_analytics a ON a.campaign_id = c.id
          WHERE c.status <> 'draft' GROUP BY c.id`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.n).toBe(row.span);
      expect(row.n).toBeLessThanOrEqual(ANALYTICS_DAYS);
      expect(row.first >= row.started || row.n === ANALYTICS_DAYS).toBe(true);
      expect(row.last < DEFAULT_AS_OF.toISOString().slice(0, 10)).toBe(true);
    }
    // A dashboard's "last 30 days" is not empty: every active campaign reports up to the
    // day before the anchor.
    const active = rows.filter((row) => row.status === 'active');
    expect(active.length).toBeGreaterThan(0);
    expect(active.filter((row) => row.last !== '2026-05-31')).toEqual([]);
  });

  test('makes inventory names worth searching: a typo finds Charizard', async ({ db }) => {
    const { found } = await one<{ found: number }>(
      db,
      `SELECT count(*)::int AS found FROM inventory_items WHERE name % 'charizrd' OR name ILIKE '%charizard%'`,
    );
    expect(found).toBeGreaterThan(0);
  });
});

describe('seedDatabase lookups', () => {
  // Every lookup a seed makes is by key. A plan cached while a table was still small scans
  // it whole instead, for every row written: a seed quadratic in its scale.
  test('reads no table whole: each foreign-key check and trigger lookup uses an index', async () => {
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
      expect(totalRows).toBeGreaterThan(4_000); // the rows that made a cached full scan costly
      expect(scanned).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('seedDatabase on a database that holds rows', () => {
  test('refuses without reset, naming the row count and --reset', async ({ db }) => {
    const before = await countRows(db);
    await expect(seedDatabase(db, { scenario: dev, target: 'the test database' })).rejects.toMatchObject({
      code: 'target_not_empty',
      message: expect.stringMatching(/^the test database already holds [\d,]+ rows; pass --reset/),
    });
    expect(await countRows(db)).toEqual(before);
  });

  test('leaves the rows and seeds nothing when told to skip', async ({ db }) => {
    const before = await countRows(db);
    const result = await seedDatabase(db, { scenario: failsMidway, onExisting: 'skip' });
    expect(result.seeded).toBe(false);
    expect(result.existingRows).toBeGreaterThan(0);
    expect(await countRows(db)).toEqual(before);
  });

  test('leaves the previous rows intact when a reset seed fails midway', async ({ db }) => {
    const before = await countRows(db);
    await expect(seedDatabase(db, { scenario: failsMidway, onExisting: 'reset' })).rejects.toThrow('injected failure');
    expect(await countRows(db)).toEqual(before);
  });

  test('replaces the rows on reset, with the same rows for the same seed', async ({ db }) => {
    const before = await countRows(db);
    const ids = async () => (await db.query<{ id: string }>('SELECT id FROM inventory_items ORDER BY id')).rows;
    const idsBefore = await ids();
    const result = await seedDatabase(db, { scenario: dev, seed: 1, onExisting: 'reset' });
    expect(result.rows).toEqual(before);
    expect(await ids()).toEqual(idsBefore);
  });
});

describe('seedDatabase on a database whose tables held rows that were deleted', () => {
  test('counts instead of trusting their pages, and seeds', async ({ db }) => {
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

describe('the seed scale', () => {
  test.for([1e9, MAX_SEED_SCALE + 1, 0, 1.5])(
    '%s is refused before anything is planned or written',
    async (scale, { db }) => {
      await expect(seedDatabase(db, { scenario: dev, seed: 1, scale, onExisting: 'skip' })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('MAX_SEED_SCALE'),
      });
    },
  );

  test('takes exactly the ceiling', () => {
    expect(checkSeedScale(MAX_SEED_SCALE)).toBe(MAX_SEED_SCALE);
  });
});
