import { type Attack, attackUnique } from '../support/attack.js';
import type { BaseRows, Row } from '../support/base-rows.js';

// Every primary key, unique constraint and unique index (partial ones included), attacked
// with a new row that repeats the key beside rows that differ from it in one key column.
// credit_balances' keys are attacked in ledger-guards.test.ts: only the ledger writes there.
const of =
  (table: string) =>
  (base: BaseRows): Row =>
    base.rows[table] ?? {};
const same =
  (table: string, ...columns: string[]) =>
  (base: BaseRows) =>
    Object.fromEntries(columns.map((column) => [column, of(table)(base)[column]]));
const otherUser = (base: BaseRows) => base.otherUser.id;

/** A primary key: a copy under a new id passes, the same id is refused. */
const attackPrimaryKey = (rule: string, table: string) => attackUnique(rule, table, [{}], same(table, 'id'));

export const uniqueKeys: Attack[] = [
  attackPrimaryKey('users_pkey', 'users'),
  attackPrimaryKey('magic_link_tokens_pkey', 'magic_link_tokens'),
  attackPrimaryKey('credit_transactions_pkey', 'credit_transactions'),
  attackPrimaryKey('subscriptions_pkey', 'subscriptions'),
  attackPrimaryKey('generation_jobs_pkey', 'generation_jobs'),
  attackPrimaryKey('assets_pkey', 'assets'),
  attackPrimaryKey('projects_pkey', 'projects'),
  attackPrimaryKey('products_pkey', 'products'),
  attackPrimaryKey('product_images_pkey', 'product_images'),
  attackPrimaryKey('campaigns_pkey', 'campaigns'),
  attackPrimaryKey('ad_platform_connections_pkey', 'ad_platform_connections'),
  attackPrimaryKey('campaign_analytics_pkey', 'campaign_analytics'),
  attackPrimaryKey('campaign_assets_pkey', 'campaign_assets'),
  attackPrimaryKey('ad_spend_fees_pkey', 'ad_spend_fees'),
  attackPrimaryKey('landing_pages_pkey', 'landing_pages'),
  attackPrimaryKey('inventory_items_pkey', 'inventory_items'),
  attackPrimaryKey('shows_pkey', 'shows'),
  attackPrimaryKey('show_items_pkey', 'show_items'),
  attackPrimaryKey('payout_imports_pkey', 'payout_imports'),
  attackPrimaryKey('payout_line_items_pkey', 'payout_line_items'),
  attackPrimaryKey('competitor_streams_pkey', 'competitor_streams'),
  attackPrimaryKey('admin_audit_log_pkey', 'admin_audit_log'),
  // Emails are unique without regard to case (guarantee 9).
  attackUnique(
    'idx_users_email',
    'users',
    [(b) => ({ email: `x${of('users')(b).email}` })],
    same('users', 'email'),
    (b) => ({ email: String(of('users')(b).email).toUpperCase() }),
  ),
  attackUnique('idx_users_github', 'users', [{ github_id: 2 }, { github_id: null }, { github_id: null }], {
    github_id: 1,
  }),
  attackUnique('users_stripe_customer_id_key', 'users', [{ stripe_customer_id: 'CUS_BASE' }], {
    stripe_customer_id: 'cus_base',
  }),
  attackUnique('magic_link_tokens_token_hash_key', 'magic_link_tokens', [{}], same('magic_link_tokens', 'token_hash')),
  // Guarantee 5: one job per (user, key); the same key for another user is fine.
  attackUnique(
    'idx_jobs_idempotency',
    'generation_jobs',
    [
      (b) => ({ idempotency_key: `${of('generation_jobs')(b).idempotency_key}x` }),
      (b) => ({ user_id: otherUser(b), idempotency_key: of('generation_jobs')(b).idempotency_key }),
    ],
    same('generation_jobs', 'user_id', 'idempotency_key'),
  ),
  // A job is refunded at most once; other movements on the job, and refunds of no job, are not limited.
  attackUnique(
    'idx_credit_transactions_one_refund_per_job',
    'credit_transactions',
    [
      (b) => ({ kind: 'refund', job_id: b.otherJob.id }),
      (b) => ({ kind: 'purchase', job_id: of('credit_transactions')(b).job_id }),
      (b) => ({ kind: 'adjustment', job_id: of('credit_transactions')(b).job_id }),
      { kind: 'refund', job_id: null },
      { kind: 'refund', job_id: null },
    ],
    (b) => ({ kind: 'refund', job_id: of('credit_transactions')(b).job_id }),
  ),
  // At most one subscription per user that Stripe may still bill: the base one is active.
  attackUnique(
    'idx_subscriptions_one_live_per_user',
    'subscriptions',
    [
      { status: 'canceled', canceled_at: '2026-01-01T00:00:00Z' },
      { status: 'incomplete', canceled_at: null },
      { status: 'incomplete_expired', canceled_at: null },
      (b) => ({ status: 'active', user_id: otherUser(b) }),
    ],
    ...['trialing', 'active', 'past_due', 'unpaid', 'paused'].map((status) => ({ status, canceled_at: null })),
  ),
  attackUnique(
    'subscriptions_stripe_subscription_id_key',
    'subscriptions',
    [{}],
    same('subscriptions', 'stripe_subscription_id'),
  ),
  attackUnique(
    'ad_platform_connections_account_key',
    'ad_platform_connections',
    [
      (b) => ({ ...same('ad_platform_connections', 'platform', 'external_account_id')(b), user_id: otherUser(b) }),
      (b) => ({
        external_account_id: of('ad_platform_connections')(b).external_account_id,
        platform: of('ad_platform_connections')(b).platform === 'meta' ? 'google' : 'meta',
      }),
    ],
    same('ad_platform_connections', 'user_id', 'platform', 'external_account_id'),
  ),
  // One row per campaign per day.
  attackUnique(
    'idx_analytics_campaign_date',
    'campaign_analytics',
    [(b) => ({ date: nextDay(String(of('campaign_analytics')(b).date)) })],
    same('campaign_analytics', 'date'),
  ),
  attackUnique('campaign_assets_campaign_asset_key', 'campaign_assets', [{}], same('campaign_assets', 'asset_id')),
  attackUnique(
    'idx_landing_pages_subdomain',
    'landing_pages',
    [(b) => ({ subdomain: `${of('landing_pages')(b).subdomain}x` })],
    same('landing_pages', 'subdomain'),
  ),
  // Custom domains are unique without regard to case; any number of pages have none.
  attackUnique(
    'idx_landing_pages_custom_domain',
    'landing_pages',
    [{ custom_domain: 'shop.example.co' }, { custom_domain: null }, { custom_domain: null }],
    { custom_domain: 'Shop.Example.com' },
    { custom_domain: 'shop.example.com' },
  ),
  attackUnique(
    'idx_inventory_items_user_sku',
    'inventory_items',
    [{ sku: 'sku-base' }, (b) => ({ sku: 'SKU-BASE', user_id: otherUser(b) }), { sku: null }, { sku: null }],
    { sku: 'SKU-BASE' },
  ),
  attackUnique('show_items_show_item_key', 'show_items', [{}], same('show_items', 'inventory_item_id')),
  attackUnique(
    'payout_imports_file_key',
    'payout_imports',
    [(b) => ({ file_sha256: of('payout_imports')(b).file_sha256, user_id: otherUser(b) })],
    same('payout_imports', 'file_sha256'),
  ),
  attackUnique(
    'payout_line_items_line_key',
    'payout_line_items',
    [(b) => ({ line_number: Number(of('payout_line_items')(b).line_number) + 1 })],
    same('payout_line_items', 'line_number'),
  ),
  attackUnique(
    'product_images_product_position_key',
    'product_images',
    [(b) => ({ position: Number(of('product_images')(b).position) + 1 })],
    same('product_images', 'position'),
  ),
];

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
