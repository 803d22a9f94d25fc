import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { vocabularies } from '../../src/rows/index.js';
import { dbTest } from '../support/db-test.js';
import { SQL_STATE } from '../support/sql-state.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { attempt, rolledBack } from './support/isolation.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';

type VocabularyTable = keyof typeof vocabularies;

const COLUMNS = Object.entries(vocabularies).flatMap(([table, columns]) =>
  Object.entries(columns).map(([column, values]) => ({
    table: table as VocabularyTable,
    column,
    values: values as readonly string[],
  })),
);

/** How a value just outside a vocabulary is made from a listed one, and values far outside it. */
const OUTSIDE = {
  'a listed value in upper case': (value: string) => value.toUpperCase(),
  'a listed value padded': (value: string) => ` ${value}`,
  'a listed value less its last character': (value: string) => value.slice(0, -1),
  'a listed value with one more character': (value: string) => `${value}s`,
} as const;

/** Values just outside a vocabulary (a listed value changed by one step) and far outside it. */
const outsider = fc.constantFrom(...COLUMNS).chain(({ table, column, values }) =>
  fc
    .oneof(
      fc
        .tuple(fc.constantFrom(...values), fc.constantFrom(...Object.keys(OUTSIDE)))
        .map(([value, how]) => ({ value: OUTSIDE[how as keyof typeof OUTSIDE](value), how })),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((value) => ({ value, how: 'any text' })),
    )
    .filter(({ value }) => !values.includes(value) && !value.includes('\0'))
    .map(({ value, how }) => ({ table, column, value, how })),
);

/** One valid row in each table with a vocabulary column, to copy with one bad value. */
async function makeRows(db: TestDb): Promise<Record<VocabularyTable, string>> {
  const f = createFactories(db, { seed: 8 });
  const campaign = await f.campaigns.create();
  const ids = {
    users: (await f.users.create()).id,
    generation_jobs: (await f.generationJobs.create()).id,
    assets: (await f.assets.create()).id,
    credit_transactions: (await f.creditTransactions.create()).id,
    subscriptions: (await f.subscriptions.create()).id,
    ad_platform_connections: (await f.adPlatformConnections.create()).id,
    campaigns: campaign.id,
    campaign_assets: (await f.campaignAssets.create({ campaign })).id,
    ad_spend_fees: (await f.adSpendFees.create({ campaign })).id,
    landing_pages: (await f.landingPages.create()).id,
    inventory_items: (await f.inventoryItems.create()).id,
    shows: (await f.shows.create()).id,
    show_items: (await f.showItems.create()).id,
    payout_imports: (await f.payoutImports.create()).id,
    competitor_streams: (await f.competitorStreams.create()).id,
    admin_audit_log: (await f.adminAuditLog.create()).id,
  };
  return ids;
}

/**
 * A copy of a valid row with any value outside a column's vocabulary is refused by that
 * column's CHECK. Inserting a copy (rather than updating) reaches every table, the
 * append-only audit log included, and no trigger stands in front of the CHECK.
 */
const closedVocabularies: DbProperty<[{ table: VocabularyTable; column: string; value: string; how: string }]> = async (
  db,
) => {
  const ids = await makeRows(db);
  return fc.asyncProperty(outsider, ({ table, column, value }) =>
    rolledBack(db, async () => {
      const error = await attempt(
        db,
        `INSERT INTO ${table}
         SELECT (jsonb_populate_record(t, jsonb_build_object('id', gen_random_uuid(), $1::text, $2::text))).*
           FROM ${table} t WHERE t.id = $3`,
        [column, value, ids[table]],
      );
      expect(error).toEqual({ code: SQL_STATE.checkViolation, constraint: `${table}_${column}_check` });
    }),
  );
};

describe('closed vocabularies (guarantee 8)', () => {
  dbTest('refuses any value outside a vocabulary, in every vocabulary column', async ({ db }) => {
    await fc.assert(await closedVocabularies(db), fcOptions(100));
  });

  it('reaches each way of stepping just outside a vocabulary in its default runs', () => {
    const cases = Object.fromEntries(
      [...Object.keys(OUTSIDE), 'any text'].map((how) => [how, (value: { how: string }) => value.how === how]),
    );
    expect(unreached(outsider, 100, cases)).toEqual([]);
  });

  it.each([
    [
      "one table's vocabulary checks are dropped",
      `ALTER TABLE inventory_items DROP CONSTRAINT inventory_items_category_check,
         DROP CONSTRAINT inventory_items_condition_check, DROP CONSTRAINT inventory_items_status_check`,
    ],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, closedVocabularies, 100));
});
