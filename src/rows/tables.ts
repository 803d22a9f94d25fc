import type { z } from 'zod';
import { adminAuditLog } from './tables/admin.js';
import { adPlatformConnections, adSpendFees, campaignAnalytics, campaignAssets, campaigns } from './tables/ads.js';
import { creditBalances, creditTransactions, subscriptions } from './tables/billing.js';
import { productImages, products, projects } from './tables/catalog.js';
import { assets, generationJobs } from './tables/generation.js';
import { magicLinkTokens, users } from './tables/identity.js';
import {
  competitorStreams,
  inventoryItems,
  payoutImports,
  payoutLineItems,
  showItems,
  shows,
} from './tables/live-selling.js';
import { landingPages } from './tables/publishing.js';

/**
 * Every table of the schema by its SQL name, grouped by area. Not in foreign-key order
 * (credit_transactions comes before the generation_jobs it references): see foreignKeyOrder.
 */
export const tables = {
  users,
  magic_link_tokens: magicLinkTokens,
  credit_balances: creditBalances,
  credit_transactions: creditTransactions,
  subscriptions,
  generation_jobs: generationJobs,
  assets,
  projects,
  products,
  product_images: productImages,
  campaigns,
  ad_platform_connections: adPlatformConnections,
  campaign_analytics: campaignAnalytics,
  campaign_assets: campaignAssets,
  ad_spend_fees: adSpendFees,
  landing_pages: landingPages,
  inventory_items: inventoryItems,
  shows,
  show_items: showItems,
  payout_imports: payoutImports,
  payout_line_items: payoutLineItems,
  competitor_streams: competitorStreams,
  admin_audit_log: adminAuditLog,
} as const;

/** A table's SQL name. */
export type TableName = keyof typeof tables;

/** Every table's name, in `tables` order: the order factories derive seeds and ids from. */
export const tableNames = Object.keys(tables) as TableName[];

/** A row of table `T` as read back from the database and parsed. */
export type Row<T extends TableName> = z.output<(typeof tables)[T]['row']>;

/** What an insert into table `T` accepts (nullable and defaulted columns are optional). */
export type Insert<T extends TableName> = z.input<(typeof tables)[T]['insert']>;
