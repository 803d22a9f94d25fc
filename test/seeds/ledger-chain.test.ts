import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../seeds/scenario.js';
import { scenarios } from '../../seeds/scenarios/index.js';
import { seedDatabase } from '../../seeds/seed-database.js';
import { fcOptions } from '../properties/support/runs.js';
import { openTestDb } from '../support/test-db.js';

/**
 * Ledger rows that do not follow from the row before them in `created_at`, then id, order:
 * a user's first row must be the signup credits (the signup trigger's), every later
 * `balance_after` the previous one plus `amount`. Also rows after the anchor.
 */
const BROKEN = `
  SELECT count(*) FILTER (WHERE prev IS NULL AND (kind <> 'signup_bonus' OR balance_after <> amount))::int AS first,
         count(*) FILTER (WHERE prev IS NOT NULL AND balance_after <> prev + amount)::int AS chain,
         count(*) FILTER (WHERE created_at > $1)::int AS late,
         count(*)::int AS total
    FROM (SELECT kind, amount, balance_after, created_at,
                 lag(balance_after) OVER (PARTITION BY user_id ORDER BY created_at, id) AS prev
            FROM credit_transactions) t`;

describe('the dev scenario ledger', () => {
  // Each case seeds a whole scenario (seconds each at scale 1), so the default is two cases;
  // CUTX_FC_RUNS raises it.
  it('chains in created_at order for every seed, scale and anchor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 2 }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        async (seed, scale, asOf) => {
          const db = await openTestDb();
          try {
            await seedDatabase(db, { scenario: scenarios.dev as Scenario, seed, scale, asOf, analyze: false });
            const { rows } = await db.query<{ first: number; chain: number; late: number; total: number }>(BROKEN, [
              asOf,
            ]);
            expect(rows[0]).toMatchObject({ first: 0, chain: 0, late: 0 });
            expect(rows[0]?.total).toBeGreaterThan(300 * scale);
          } finally {
            await db.close();
          }
        },
      ),
      fcOptions(2),
    );
  }, 600_000);
});
