import { type Attack, attackForeignKey } from '../support/attack.js';
import type { BaseRows } from '../support/base-rows.js';

// Every foreign key refuses a reference to a row that does not exist, beside one to a row
// that does. What deleting a parent does to its children is the cascades property's
// (test/properties/cascades.test.ts). credit_balances' is attacked in ledger-guards.test.ts.
const otherUser = (base: BaseRows) => ({ user_id: base.otherUser.id });
const parentOf = (table: string, column: string) => (base: BaseRows) => ({ [column]: base.rows[table]?.[column] });

export const foreignKeys: Attack[] = [
  attackForeignKey('magic_link_tokens_user_id_fkey', 'magic_link_tokens', 'user_id', otherUser),
  attackForeignKey('credit_transactions_user_id_fkey', 'credit_transactions', 'user_id', otherUser),
  attackForeignKey('credit_transactions_job_id_fkey', 'credit_transactions', 'job_id', (b) => ({
    job_id: b.otherJob.id,
  })),
  attackForeignKey('subscriptions_user_id_fkey', 'subscriptions', 'user_id', otherUser),
  attackForeignKey('generation_jobs_user_id_fkey', 'generation_jobs', 'user_id', otherUser),
  attackForeignKey('assets_job_id_fkey', 'assets', 'job_id', (b) => ({ job_id: b.otherJob.id })),
  attackForeignKey('projects_user_id_fkey', 'projects', 'user_id', otherUser),
  attackForeignKey('products_project_id_fkey', 'products', 'project_id', parentOf('products', 'project_id')),
  attackForeignKey(
    'product_images_product_id_fkey',
    'product_images',
    'product_id',
    parentOf('product_images', 'product_id'),
  ),
  attackForeignKey('campaigns_user_id_fkey', 'campaigns', 'user_id', otherUser),
  attackForeignKey('ad_platform_connections_user_id_fkey', 'ad_platform_connections', 'user_id', otherUser),
  attackForeignKey(
    'campaign_analytics_campaign_id_fkey',
    'campaign_analytics',
    'campaign_id',
    parentOf('campaign_analytics', 'campaign_id'),
  ),
  attackForeignKey(
    'campaign_assets_campaign_id_fkey',
    'campaign_assets',
    'campaign_id',
    parentOf('campaign_assets', 'campaign_id'),
  ),
  attackForeignKey('campaign_assets_asset_id_fkey', 'campaign_assets', 'asset_id', (b) => ({
    asset_id: b.spareAssets[0],
  })),
  attackForeignKey('ad_spend_fees_user_id_fkey', 'ad_spend_fees', 'user_id', otherUser),
  attackForeignKey('ad_spend_fees_campaign_id_fkey', 'ad_spend_fees', 'campaign_id', { campaign_id: null }),
  attackForeignKey('landing_pages_user_id_fkey', 'landing_pages', 'user_id', otherUser),
  attackForeignKey('inventory_items_user_id_fkey', 'inventory_items', 'user_id', otherUser),
  attackForeignKey('shows_user_id_fkey', 'shows', 'user_id', otherUser),
  attackForeignKey('show_items_show_id_fkey', 'show_items', 'show_id', parentOf('show_items', 'show_id')),
  attackForeignKey('show_items_inventory_item_id_fkey', 'show_items', 'inventory_item_id', (b) => ({
    inventory_item_id: b.spareItems[0],
  })),
  attackForeignKey('payout_imports_user_id_fkey', 'payout_imports', 'user_id', otherUser),
  attackForeignKey(
    'payout_line_items_payout_import_id_fkey',
    'payout_line_items',
    'payout_import_id',
    parentOf('payout_line_items', 'payout_import_id'),
  ),
  attackForeignKey('payout_line_items_inventory_item_id_fkey', 'payout_line_items', 'inventory_item_id', (b) => ({
    inventory_item_id: b.spareItems[0],
  })),
  attackForeignKey('competitor_streams_user_id_fkey', 'competitor_streams', 'user_id', otherUser),
  attackForeignKey('admin_audit_log_actor_id_fkey', 'admin_audit_log', 'actor_id', (b) => ({
    actor_id: b.otherUser.id,
  })),
];
