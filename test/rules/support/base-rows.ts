import { createFactories } from '../../../factories/index.js';
import type { SqlClient } from '../../../src/db/sql-client.js';
import { tableNames } from '../../../src/rows/tables.js';

/** A row as jsonb reads it back. */
export type Row = Record<string, unknown>;

/** One committed row of every table for the attacks to copy, and spare parents to point at. */
export interface BaseRows {
  rows: Record<string, Row>;
  /**
   * Why a table has no base row: the error that refused it or one of its parents. Only its
   * own attacks fail, so a broken rule of one table leaves the others' attacks to judge.
   */
  missing: Record<string, string>;
  /** A second user, with its own job: "the same key for another user". */
  otherUser: Row;
  otherJob: Row;
  /** Assets and inventory items that no campaign or show uses yet. */
  spareAssets: string[];
  spareItems: string[];
}

/** The base row of `table`, or the reason it could not be made, thrown. */
export function baseRowOf(base: BaseRows, table: string): Row {
  const row = base.rows[table];
  if (row) return row;
  throw new Error(`no base row of ${table}: ${base.missing[table] ?? 'none is made'}`);
}

/**
 * Creates and commits the base rows, table by table: a row a rule refuses (and every row
 * made on top of it) is recorded in `missing` instead of failing the rest. Chosen where a
 * rule needs it: a live (active) subscription, a landing page with a custom domain, an item
 * with a sku, a job that was paid for and refunded.
 */
export async function createBaseRows(db: SqlClient): Promise<BaseRows> {
  const f = createFactories(db, { seed: 20 });
  const missing: Record<string, string> = {};
  const ids: Record<string, string> = {};
  // Makes the row `key` (a table, or another row's name) once the rows it needs, named by
  // their keys in `parents`, exist; else records why not.
  const make = async <P extends Record<string, unknown>, T extends { id: string }>(
    key: string,
    parents: P,
    create: (made: { [K in keyof P]: NonNullable<P[K]> }) => Promise<T>,
  ): Promise<T | undefined> => {
    const absent = Object.keys(parents).find((name) => parents[name] === undefined);
    if (absent) {
      missing[key] = `it needs the base row of ${absent}, which has none: ${missing[absent] ?? '?'}`;
      return undefined;
    }
    try {
      const row = await create(parents as { [K in keyof P]: NonNullable<P[K]> });
      ids[key] = row.id;
      return row;
    } catch (error) {
      missing[key] = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  };

  const users = await make('users', {}, () => f.users.create({ github_id: 1, stripe_customer_id: 'cus_base' }));
  const otherUser = await make('otherUser', {}, () => f.users.create());
  const generation_jobs = await make('generation_jobs', { users }, ({ users }) =>
    f.generationJobs.create({ user: users, credits_cost: 2 }),
  );
  await make('otherJob', { otherUser }, ({ otherUser }) => f.generationJobs.create({ user: otherUser }));
  const assets = await make('assets', { generation_jobs }, ({ generation_jobs }) =>
    f.assets.create({ job: generation_jobs }),
  );
  const campaigns = await make('campaigns', { users }, ({ users }) => f.campaigns.create({ user: users }));
  const projects = await make('projects', { users }, ({ users }) => f.projects.create({ user: users }));
  const products = await make('products', { projects }, ({ projects }) => f.products.create({ project: projects }));
  const shows = await make('shows', { users }, ({ users }) => f.shows.create({ user: users }));
  const inventory_items = await make('inventory_items', { users }, ({ users }) =>
    f.inventoryItems.create({ user: users, sku: 'SKU-BASE' }),
  );
  const payout_imports = await make('payout_imports', { users }, ({ users }) =>
    f.payoutImports.create({ user: users }),
  );
  await make('magic_link_tokens', { users }, ({ users }) => f.magicLinkTokens.create({ user: users }));
  await make('credit_transactions', { users, generation_jobs }, ({ users, generation_jobs }) =>
    f.creditTransactions.create({ user: users, job: generation_jobs, kind: 'refund' }),
  );
  await make('subscriptions', { users }, ({ users }) => f.subscriptions.create({ user: users, status: 'active' }));
  await make('product_images', { products }, ({ products }) => f.productImages.create({ product: products }));
  await make('ad_platform_connections', { users }, ({ users }) => f.adPlatformConnections.create({ user: users }));
  await make('campaign_analytics', { campaigns }, ({ campaigns }) =>
    f.campaignAnalytics.create({ campaign: campaigns }),
  );
  await make('campaign_assets', { campaigns, assets }, ({ campaigns, assets }) =>
    f.campaignAssets.create({ campaign: campaigns, asset: assets }),
  );
  await make('ad_spend_fees', { users, campaigns }, ({ users, campaigns }) =>
    f.adSpendFees.create({ user: users, campaign: campaigns }),
  );
  await make('landing_pages', { users }, ({ users }) =>
    f.landingPages.create({ user: users, custom_domain: 'Shop.Example.com' }),
  );
  await make('show_items', { shows, inventory_items }, ({ shows, inventory_items }) =>
    f.showItems.create({ show: shows, inventory_item: inventory_items }),
  );
  await make('payout_line_items', { payout_imports }, ({ payout_imports }) =>
    f.payoutLineItems.create({ payout_import: payout_imports }),
  );
  await make('competitor_streams', { users }, ({ users }) => f.competitorStreams.create({ user: users }));
  await make('admin_audit_log', { users }, ({ users }) => f.adminAuditLog.create({ actor: users }));
  const spare = async (list: () => Promise<{ id: string }[]>) => (await list().catch(() => [])).map((r) => r.id);
  const spareAssets = generation_jobs ? await spare(() => f.assets.createList(4, { job: generation_jobs })) : [];
  const spareItems = users ? await spare(() => f.inventoryItems.createList(4, { user: users })) : [];

  const read = async (table: string, id: string | undefined): Promise<Row> => {
    if (id === undefined) return {};
    const { rows } = await db.query<{ row: Row }>(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.id = $1`, [id]);
    if (!rows[0]) throw new Error(`base row of ${table} missing`);
    return rows[0].row;
  };
  const rows: Record<string, Row> = {};
  for (const table of tableNames) {
    if (table === 'credit_balances') continue; // only the ledger moves a balance: see ledger-guards
    const id = ids[table];
    if (id !== undefined) rows[table] = await read(table, id);
    else if (!(table in missing)) throw new Error(`no base row made for ${table}`);
  }
  return {
    rows,
    missing,
    otherUser: await read('users', ids.otherUser),
    otherJob: await read('generation_jobs', ids.otherJob),
    spareAssets,
    spareItems,
  };
}
