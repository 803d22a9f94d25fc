/**
 * Each index as the reviewed schema defines it (pg_get_indexdef): uniqueness, columns or
 * expressions, and the predicate of a partial one. A deliberate second copy, kept by hand:
 * catalog-definitions.test.ts holds the catalog equal to it.
 */
export const EXPECTED_INDEXES: Record<string, string> = {
  ad_platform_connections_account_key:
    'CREATE UNIQUE INDEX ad_platform_connections_account_key ON public.ad_platform_connections USING btree (user_id, platform, external_account_id)',
  ad_platform_connections_pkey:
    'CREATE UNIQUE INDEX ad_platform_connections_pkey ON public.ad_platform_connections USING btree (id)',
  ad_spend_fees_pkey: 'CREATE UNIQUE INDEX ad_spend_fees_pkey ON public.ad_spend_fees USING btree (id)',
  admin_audit_log_pkey: 'CREATE UNIQUE INDEX admin_audit_log_pkey ON public.admin_audit_log USING btree (id)',
  assets_pkey: 'CREATE UNIQUE INDEX assets_pkey ON public.assets USING btree (id)',
  campaign_analytics_pkey: 'CREATE UNIQUE INDEX campaign_analytics_pkey ON public.campaign_analytics USING btree (id)',
  campaign_assets_campaign_asset_key:
    'CREATE UNIQUE INDEX campaign_assets_campaign_asset_key ON public.campaign_assets USING btree (campaign_id, asset_id)',
  campaign_assets_pkey: 'CREATE UNIQUE INDEX campaign_assets_pkey ON public.campaign_assets USING btree (id)',
  campaigns_pkey: 'CREATE UNIQUE INDEX campaigns_pkey ON public.campaigns USING btree (id)',
  competitor_streams_pkey: 'CREATE UNIQUE INDEX competitor_streams_pkey ON public.competitor_streams USING btree (id)',
  credit_balances_pkey: 'CREATE UNIQUE INDEX credit_balances_pkey ON public.credit_balances USING btree (id)',
  credit_balances_user_id_key:
    'CREATE UNIQUE INDEX credit_balances_user_id_key ON public.credit_balances USING btree (user_id)',
  credit_transactions_pkey:
    'CREATE UNIQUE INDEX credit_transactions_pkey ON public.credit_transactions USING btree (id)',
  generation_jobs_pkey: 'CREATE UNIQUE INDEX generation_jobs_pkey ON public.generation_jobs USING btree (id)',
  idx_ad_spend_fees_campaign:
    'CREATE INDEX idx_ad_spend_fees_campaign ON public.ad_spend_fees USING btree (campaign_id)',
  idx_ad_spend_fees_user: 'CREATE INDEX idx_ad_spend_fees_user ON public.ad_spend_fees USING btree (user_id)',
  idx_admin_audit_log_actor: 'CREATE INDEX idx_admin_audit_log_actor ON public.admin_audit_log USING btree (actor_id)',
  idx_admin_audit_log_target:
    'CREATE INDEX idx_admin_audit_log_target ON public.admin_audit_log USING btree (target_type, target_id)',
  idx_analytics_campaign_date:
    'CREATE UNIQUE INDEX idx_analytics_campaign_date ON public.campaign_analytics USING btree (campaign_id, date)',
  idx_assets_job: 'CREATE INDEX idx_assets_job ON public.assets USING btree (job_id)',
  idx_campaign_assets_asset: 'CREATE INDEX idx_campaign_assets_asset ON public.campaign_assets USING btree (asset_id)',
  idx_campaigns_user: 'CREATE INDEX idx_campaigns_user ON public.campaigns USING btree (user_id)',
  idx_competitor_streams_user:
    'CREATE INDEX idx_competitor_streams_user ON public.competitor_streams USING btree (user_id, observed_at)',
  idx_credit_transactions_job:
    'CREATE INDEX idx_credit_transactions_job ON public.credit_transactions USING btree (job_id)',
  idx_credit_transactions_one_refund_per_job:
    "CREATE UNIQUE INDEX idx_credit_transactions_one_refund_per_job ON public.credit_transactions USING btree (job_id) WHERE (kind = 'refund'::text)",
  idx_credit_transactions_user:
    'CREATE INDEX idx_credit_transactions_user ON public.credit_transactions USING btree (user_id, created_at)',
  idx_inventory_items_user: 'CREATE INDEX idx_inventory_items_user ON public.inventory_items USING btree (user_id)',
  idx_inventory_items_user_sku:
    'CREATE UNIQUE INDEX idx_inventory_items_user_sku ON public.inventory_items USING btree (user_id, sku)',
  idx_inventory_search: 'CREATE INDEX idx_inventory_search ON public.inventory_items USING gin (name gin_trgm_ops)',
  idx_jobs_idempotency:
    'CREATE UNIQUE INDEX idx_jobs_idempotency ON public.generation_jobs USING btree (user_id, idempotency_key)',
  idx_jobs_replicate: 'CREATE INDEX idx_jobs_replicate ON public.generation_jobs USING btree (replicate_prediction_id)',
  idx_jobs_user_status: 'CREATE INDEX idx_jobs_user_status ON public.generation_jobs USING btree (user_id, status)',
  idx_landing_pages_custom_domain:
    'CREATE UNIQUE INDEX idx_landing_pages_custom_domain ON public.landing_pages USING btree (lower(custom_domain))',
  idx_landing_pages_subdomain:
    'CREATE UNIQUE INDEX idx_landing_pages_subdomain ON public.landing_pages USING btree (subdomain)',
  idx_landing_pages_user: 'CREATE INDEX idx_landing_pages_user ON public.landing_pages USING btree (user_id)',
  idx_magic_link_tokens_user:
    'CREATE INDEX idx_magic_link_tokens_user ON public.magic_link_tokens USING btree (user_id)',
  idx_payout_line_items_inventory_item:
    'CREATE INDEX idx_payout_line_items_inventory_item ON public.payout_line_items USING btree (inventory_item_id)',
  idx_products_project: 'CREATE INDEX idx_products_project ON public.products USING btree (project_id)',
  idx_projects_user: 'CREATE INDEX idx_projects_user ON public.projects USING btree (user_id)',
  idx_show_items_inventory_item:
    'CREATE INDEX idx_show_items_inventory_item ON public.show_items USING btree (inventory_item_id)',
  idx_shows_user: 'CREATE INDEX idx_shows_user ON public.shows USING btree (user_id, scheduled_at)',
  idx_subscriptions_one_live_per_user:
    "CREATE UNIQUE INDEX idx_subscriptions_one_live_per_user ON public.subscriptions USING btree (user_id) WHERE (status = ANY (ARRAY['trialing'::text, 'active'::text, 'past_due'::text, 'unpaid'::text, 'paused'::text]))",
  idx_subscriptions_user: 'CREATE INDEX idx_subscriptions_user ON public.subscriptions USING btree (user_id)',
  idx_users_email: 'CREATE UNIQUE INDEX idx_users_email ON public.users USING btree (lower(email))',
  idx_users_github: 'CREATE UNIQUE INDEX idx_users_github ON public.users USING btree (github_id)',
  inventory_items_pkey: 'CREATE UNIQUE INDEX inventory_items_pkey ON public.inventory_items USING btree (id)',
  landing_pages_pkey: 'CREATE UNIQUE INDEX landing_pages_pkey ON public.landing_pages USING btree (id)',
  magic_link_tokens_pkey: 'CREATE UNIQUE INDEX magic_link_tokens_pkey ON public.magic_link_tokens USING btree (id)',
  magic_link_tokens_token_hash_key:
    'CREATE UNIQUE INDEX magic_link_tokens_token_hash_key ON public.magic_link_tokens USING btree (token_hash)',
  payout_imports_file_key:
    'CREATE UNIQUE INDEX payout_imports_file_key ON public.payout_imports USING btree (user_id, file_sha256)',
  payout_imports_pkey: 'CREATE UNIQUE INDEX payout_imports_pkey ON public.payout_imports USING btree (id)',
  payout_line_items_line_key:
    'CREATE UNIQUE INDEX payout_line_items_line_key ON public.payout_line_items USING btree (payout_import_id, line_number)',
  payout_line_items_pkey: 'CREATE UNIQUE INDEX payout_line_items_pkey ON public.payout_line_items USING btree (id)',
  product_images_pkey: 'CREATE UNIQUE INDEX product_images_pkey ON public.product_images USING btree (id)',
  product_images_product_position_key:
    'CREATE UNIQUE INDEX product_images_product_position_key ON public.product_images USING btree (product_id, "position")',
  products_pkey: 'CREATE UNIQUE INDEX products_pkey ON public.products USING btree (id)',
  projects_pkey: 'CREATE UNIQUE INDEX projects_pkey ON public.projects USING btree (id)',
  show_items_pkey: 'CREATE UNIQUE INDEX show_items_pkey ON public.show_items USING btree (id)',
  show_items_show_item_key:
    'CREATE UNIQUE INDEX show_items_show_item_key ON public.show_items USING btree (show_id, inventory_item_id)',
  shows_pkey: 'CREATE UNIQUE INDEX shows_pkey ON public.shows USING btree (id)',
  subscriptions_pkey: 'CREATE UNIQUE INDEX subscriptions_pkey ON public.subscriptions USING btree (id)',
  subscriptions_stripe_subscription_id_key:
    'CREATE UNIQUE INDEX subscriptions_stripe_subscription_id_key ON public.subscriptions USING btree (stripe_subscription_id)',
  users_pkey: 'CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)',
  users_stripe_customer_id_key:
    'CREATE UNIQUE INDEX users_stripe_customer_id_key ON public.users USING btree (stripe_customer_id)',
};
