import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../support/test-db.js';
import {
  foreignKeyLines,
  namedIndexProblems,
  primaryKeyProblems,
  tableProblems,
  unindexedForeignKeys,
  updatedAtProblems,
  vocabularyProblems,
} from './contract-checks.js';

/**
 * The reviewed foreign-key snapshot. Every reference cascades except three, each chosen:
 * - admin_audit_log.actor_id: the audit record outlives its actor (guarantee 4, 10);
 * - payout_line_items.inventory_item_id: a sale outlives the item it was matched to;
 * - credit_transactions.job_id: the ledger outlives the job it paid for (guarantee 2);
 * - ad_spend_fees.campaign_id: a fee is billing history and outlives its campaign.
 */
const FOREIGN_KEYS = [
  'ad_platform_connections(user_id) -> users ON DELETE CASCADE',
  'ad_spend_fees(campaign_id) -> campaigns ON DELETE SET NULL',
  'ad_spend_fees(user_id) -> users ON DELETE CASCADE',
  'admin_audit_log(actor_id) -> users ON DELETE SET NULL',
  'assets(job_id) -> generation_jobs ON DELETE CASCADE',
  'campaign_analytics(campaign_id) -> campaigns ON DELETE CASCADE',
  'campaign_assets(asset_id) -> assets ON DELETE CASCADE',
  'campaign_assets(campaign_id) -> campaigns ON DELETE CASCADE',
  'campaigns(user_id) -> users ON DELETE CASCADE',
  'competitor_streams(user_id) -> users ON DELETE CASCADE',
  'credit_balances(user_id) -> users ON DELETE CASCADE',
  'credit_transactions(job_id) -> generation_jobs ON DELETE SET NULL',
  'credit_transactions(user_id) -> users ON DELETE CASCADE',
  'generation_jobs(user_id) -> users ON DELETE CASCADE',
  'inventory_items(user_id) -> users ON DELETE CASCADE',
  'landing_pages(user_id) -> users ON DELETE CASCADE',
  'magic_link_tokens(user_id) -> users ON DELETE CASCADE',
  'payout_imports(user_id) -> users ON DELETE CASCADE',
  'payout_line_items(inventory_item_id) -> inventory_items ON DELETE SET NULL',
  'payout_line_items(payout_import_id) -> payout_imports ON DELETE CASCADE',
  'product_images(product_id) -> products ON DELETE CASCADE',
  'products(project_id) -> projects ON DELETE CASCADE',
  'projects(user_id) -> users ON DELETE CASCADE',
  'show_items(inventory_item_id) -> inventory_items ON DELETE CASCADE',
  'show_items(show_id) -> shows ON DELETE CASCADE',
  'shows(user_id) -> users ON DELETE CASCADE',
  'subscriptions(user_id) -> users ON DELETE CASCADE',
];

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('the migrated catalog', () => {
  it('has exactly the 23 tables of the domain', async () => {
    expect(await tableProblems(db)).toEqual([]);
  });

  it('has the seven named indexes with their columns, uniqueness and kind', async () => {
    expect(await namedIndexProblems(db)).toEqual([]);
  });

  it('has updated_at, kept by a trigger, on exactly the ten tables', async () => {
    expect(await updatedAtProblems(db)).toEqual([]);
  });

  it('matches the reviewed snapshot of foreign keys and their ON DELETE rules', async () => {
    expect(await foreignKeyLines(db)).toEqual(FOREIGN_KEYS);
  });

  it('indexes every foreign-key column', async () => {
    expect(await unindexedForeignKeys(db)).toEqual([]);
  });

  it('gives every table a uuid primary key with a database default', async () => {
    expect(await primaryKeyProblems(db)).toEqual([]);
  });

  it('holds every closed vocabulary in a CHECK equal to the TypeScript one', async () => {
    expect(await vocabularyProblems(db)).toEqual([]);
  });
});
