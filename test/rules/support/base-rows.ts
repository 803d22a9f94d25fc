import { createFactories } from '../../../factories/index.js';
import type { SqlClient } from '../../../src/db/sql-client.js';
import { tableNames } from '../../../src/rows/tables.js';

/** A row as jsonb reads it back. */
export type Row = Record<string, unknown>;

/** One committed row of every table for the attacks to copy, and spare parents to point at. */
export interface BaseRows {
  rows: Record<string, Row>;
  /** A second user, with its own job: "the same key for another user". */
  otherUser: Row;
  otherJob: Row;
  /** Assets and inventory items that no campaign or show uses yet. */
  spareAssets: string[];
  spareItems: string[];
}

/**
 * Creates and commits the base rows. Chosen where a rule needs it: a live (active)
 * subscription, a landing page with a custom domain, an item with a sku, a job that was
 * paid for and refunded.
 */
export async function createBaseRows(db: SqlClient): Promise<BaseRows> {
  const f = createFactories(db, { seed: 20 });
  const user = await f.users.create({ github_id: 1, stripe_customer_id: 'cus_base' });
  const otherUser = await f.users.create();
  const job = await f.generationJobs.create({ user, credits_cost: 2 });
  const otherJob = await f.generationJobs.create({ user: otherUser });
  const asset = await f.assets.create({ job });
  const campaign = await f.campaigns.create({ user });
  const project = await f.projects.create({ user });
  const product = await f.products.create({ project });
  const show = await f.shows.create({ user });
  const item = await f.inventoryItems.create({ user, sku: 'SKU-BASE' });
  const payoutImport = await f.payoutImports.create({ user });
  const ids: Record<string, string> = {
    users: user.id,
    magic_link_tokens: (await f.magicLinkTokens.create({ user })).id,
    credit_transactions: (await f.creditTransactions.create({ user, job, kind: 'refund' })).id,
    subscriptions: (await f.subscriptions.create({ user, status: 'active' })).id,
    generation_jobs: job.id,
    assets: asset.id,
    projects: project.id,
    products: product.id,
    product_images: (await f.productImages.create({ product })).id,
    campaigns: campaign.id,
    ad_platform_connections: (await f.adPlatformConnections.create({ user })).id,
    campaign_analytics: (await f.campaignAnalytics.create({ campaign })).id,
    campaign_assets: (await f.campaignAssets.create({ campaign, asset })).id,
    ad_spend_fees: (await f.adSpendFees.create({ user, campaign })).id,
    landing_pages: (await f.landingPages.create({ user, custom_domain: 'Shop.Example.com' })).id,
    inventory_items: item.id,
    shows: show.id,
    show_items: (await f.showItems.create({ show, inventory_item: item })).id,
    payout_imports: payoutImport.id,
    payout_line_items: (await f.payoutLineItems.create({ payout_import: payoutImport })).id,
    competitor_streams: (await f.competitorStreams.create({ user })).id,
    admin_audit_log: (await f.adminAuditLog.create({ actor: user })).id,
  };
  const spareAssets = (await f.assets.createList(4, { job })).map((row) => row.id);
  const spareItems = (await f.inventoryItems.createList(4, { user })).map((row) => row.id);
  const read = async (table: string, id: string): Promise<Row> => {
    const { rows } = await db.query<{ row: Row }>(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.id = $1`, [id]);
    if (!rows[0]) throw new Error(`base row of ${table} missing`);
    return rows[0].row;
  };
  const rows: Record<string, Row> = {};
  for (const table of tableNames) {
    if (table === 'credit_balances') continue; // only the ledger moves a balance: see ledger-guards
    const id = ids[table];
    if (id === undefined) throw new Error(`no base row made for ${table}`);
    rows[table] = await read(table, id);
  }
  return {
    rows,
    otherUser: await read('users', otherUser.id),
    otherJob: await read('generation_jobs', otherJob.id),
    spareAssets,
    spareItems,
  };
}
