import type { ForeignKey } from './catalog.js';

// Reviewed snapshots of the schema: deliberate second copies, written from reading the SQL
// and checked against the catalog by test/contract. Tests that need to know what the schema
// SHOULD be (the cascades property's deletion graph) read them instead of the database they
// are checking, so a changed rule is held to the reviewed one.

/**
 * The reviewed foreign-key snapshot. Every reference cascades except four, each chosen:
 * - admin_audit_log.actor_id: the audit record outlives its actor (guarantee 4, 10);
 * - payout_line_items.inventory_item_id: a sale outlives the item it was matched to;
 * - credit_transactions.job_id: the ledger outlives the job it paid for (guarantee 2);
 * - ad_spend_fees.campaign_id: a fee is billing history and outlives its campaign.
 */
export const REVIEWED_FOREIGN_KEYS = [
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

const FOREIGN_KEY_LINE = /^(\w+)\(([\w, ]+)\) -> (\w+) ON DELETE (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)$/;

/** The reviewed foreign keys, as the catalog reader returns them. */
export const reviewedForeignKeys: ForeignKey[] = REVIEWED_FOREIGN_KEYS.map((line) => {
  const match = FOREIGN_KEY_LINE.exec(line);
  if (!match) throw new SyntaxError(`not a foreign-key line: ${line}`);
  const [, table = '', columns = '', references = '', onDelete] = match;
  return { table, columns: columns.split(', '), references, onDelete: onDelete as ForeignKey['onDelete'] };
});

/**
 * Every index as pg_get_indexdef prints it: name, table, uniqueness, method, key columns and
 * expressions, operator classes and the partial-index predicate.
 */
export const REVIEWED_INDEXES = [
  'CREATE UNIQUE INDEX ad_platform_connections_account_key ON public.ad_platform_connections USING btree (user_id, platform, external_account_id)',
  'CREATE UNIQUE INDEX ad_platform_connections_pkey ON public.ad_platform_connections USING btree (id)',
  'CREATE UNIQUE INDEX ad_spend_fees_pkey ON public.ad_spend_fees USING btree (id)',
  'CREATE UNIQUE INDEX admin_audit_log_pkey ON public.admin_audit_log USING btree (id)',
  'CREATE UNIQUE INDEX assets_pkey ON public.assets USING btree (id)',
  'CREATE UNIQUE INDEX campaign_analytics_pkey ON public.campaign_analytics USING btree (id)',
  'CREATE UNIQUE INDEX campaign_assets_campaign_asset_key ON public.campaign_assets USING btree (campaign_id, asset_id)',
  'CREATE UNIQUE INDEX campaign_assets_pkey ON public.campaign_assets USING btree (id)',
  'CREATE UNIQUE INDEX campaigns_pkey ON public.campaigns USING btree (id)',
  'CREATE UNIQUE INDEX competitor_streams_pkey ON public.competitor_streams USING btree (id)',
  'CREATE UNIQUE INDEX credit_balances_pkey ON public.credit_balances USING btree (id)',
  'CREATE UNIQUE INDEX credit_balances_user_id_key ON public.credit_balances USING btree (user_id)',
  'CREATE UNIQUE INDEX credit_transactions_pkey ON public.credit_transactions USING btree (id)',
  'CREATE UNIQUE INDEX generation_jobs_pkey ON public.generation_jobs USING btree (id)',
  'CREATE INDEX idx_ad_spend_fees_campaign ON public.ad_spend_fees USING btree (campaign_id)',
  'CREATE INDEX idx_ad_spend_fees_user ON public.ad_spend_fees USING btree (user_id)',
  'CREATE INDEX idx_admin_audit_log_actor ON public.admin_audit_log USING btree (actor_id)',
  'CREATE INDEX idx_admin_audit_log_target ON public.admin_audit_log USING btree (target_type, target_id)',
  'CREATE UNIQUE INDEX idx_analytics_campaign_date ON public.campaign_analytics USING btree (campaign_id, date)',
  'CREATE INDEX idx_assets_job ON public.assets USING btree (job_id)',
  'CREATE INDEX idx_campaign_assets_asset ON public.campaign_assets USING btree (asset_id)',
  'CREATE INDEX idx_campaigns_user ON public.campaigns USING btree (user_id)',
  'CREATE INDEX idx_competitor_streams_user ON public.competitor_streams USING btree (user_id, observed_at)',
  'CREATE INDEX idx_credit_transactions_job ON public.credit_transactions USING btree (job_id)',
  "CREATE UNIQUE INDEX idx_credit_transactions_one_refund_per_job ON public.credit_transactions USING btree (job_id) WHERE (kind = 'refund'::text)",
  'CREATE INDEX idx_credit_transactions_user ON public.credit_transactions USING btree (user_id, created_at)',
  'CREATE INDEX idx_inventory_items_user ON public.inventory_items USING btree (user_id)',
  'CREATE UNIQUE INDEX idx_inventory_items_user_sku ON public.inventory_items USING btree (user_id, sku)',
  'CREATE INDEX idx_inventory_search ON public.inventory_items USING gin (name gin_trgm_ops)',
  'CREATE UNIQUE INDEX idx_jobs_idempotency ON public.generation_jobs USING btree (user_id, idempotency_key)',
  'CREATE INDEX idx_jobs_replicate ON public.generation_jobs USING btree (replicate_prediction_id)',
  'CREATE INDEX idx_jobs_user_status ON public.generation_jobs USING btree (user_id, status)',
  'CREATE UNIQUE INDEX idx_landing_pages_custom_domain ON public.landing_pages USING btree (lower(custom_domain))',
  'CREATE UNIQUE INDEX idx_landing_pages_subdomain ON public.landing_pages USING btree (subdomain)',
  'CREATE INDEX idx_landing_pages_user ON public.landing_pages USING btree (user_id)',
  'CREATE INDEX idx_magic_link_tokens_user ON public.magic_link_tokens USING btree (user_id)',
  'CREATE INDEX idx_payout_line_items_inventory_item ON public.payout_line_items USING btree (inventory_item_id)',
  'CREATE INDEX idx_products_project ON public.products USING btree (project_id)',
  'CREATE INDEX idx_projects_user ON public.projects USING btree (user_id)',
  'CREATE INDEX idx_show_items_inventory_item ON public.show_items USING btree (inventory_item_id)',
  'CREATE INDEX idx_shows_user ON public.shows USING btree (user_id, scheduled_at)',
  "CREATE UNIQUE INDEX idx_subscriptions_one_live_per_user ON public.subscriptions USING btree (user_id) WHERE (status = ANY (ARRAY['trialing'::text, 'active'::text, 'past_due'::text, 'unpaid'::text, 'paused'::text]))",
  'CREATE INDEX idx_subscriptions_user ON public.subscriptions USING btree (user_id)',
  'CREATE UNIQUE INDEX idx_users_email ON public.users USING btree (lower(email))',
  'CREATE UNIQUE INDEX idx_users_github ON public.users USING btree (github_id)',
  'CREATE UNIQUE INDEX inventory_items_pkey ON public.inventory_items USING btree (id)',
  'CREATE UNIQUE INDEX landing_pages_pkey ON public.landing_pages USING btree (id)',
  'CREATE UNIQUE INDEX magic_link_tokens_pkey ON public.magic_link_tokens USING btree (id)',
  'CREATE UNIQUE INDEX magic_link_tokens_token_hash_key ON public.magic_link_tokens USING btree (token_hash)',
  'CREATE UNIQUE INDEX payout_imports_file_key ON public.payout_imports USING btree (user_id, file_sha256)',
  'CREATE UNIQUE INDEX payout_imports_pkey ON public.payout_imports USING btree (id)',
  'CREATE UNIQUE INDEX payout_line_items_line_key ON public.payout_line_items USING btree (payout_import_id, line_number)',
  'CREATE UNIQUE INDEX payout_line_items_pkey ON public.payout_line_items USING btree (id)',
  'CREATE UNIQUE INDEX product_images_pkey ON public.product_images USING btree (id)',
  'CREATE UNIQUE INDEX product_images_product_position_key ON public.product_images USING btree (product_id, "position")',
  'CREATE UNIQUE INDEX products_pkey ON public.products USING btree (id)',
  'CREATE UNIQUE INDEX projects_pkey ON public.projects USING btree (id)',
  'CREATE UNIQUE INDEX show_items_pkey ON public.show_items USING btree (id)',
  'CREATE UNIQUE INDEX show_items_show_item_key ON public.show_items USING btree (show_id, inventory_item_id)',
  'CREATE UNIQUE INDEX shows_pkey ON public.shows USING btree (id)',
  'CREATE UNIQUE INDEX subscriptions_pkey ON public.subscriptions USING btree (id)',
  'CREATE UNIQUE INDEX subscriptions_stripe_subscription_id_key ON public.subscriptions USING btree (stripe_subscription_id)',
  'CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)',
  'CREATE UNIQUE INDEX users_stripe_customer_id_key ON public.users USING btree (stripe_customer_id)',
];
