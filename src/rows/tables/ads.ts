import { c, createdAt, id, updatedAt } from '../column.js';
import { defineTable } from '../define-table.js';
import { vocabularies } from '../vocabularies.js';

/** `ad_platform_connections`: OAuth connections, tokens stored as ciphertext only. */
export const adPlatformConnections = defineTable('ad_platform_connections', {
  id: id(),
  user_id: c.uuid(),
  platform: c.oneOf(vocabularies.ad_platform_connections.platform),
  external_account_id: c.text(),
  account_name: c.text().nullable(),
  access_token_ciphertext: c.bytea(),
  refresh_token_ciphertext: c.bytea().nullable(),
  token_expires_at: c.timestamptz().nullable(),
  scopes: c.textArray().defaulted(),
  status: c.oneOf(vocabularies.ad_platform_connections.status).defaulted(),
  last_synced_at: c.timestamptz().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** `campaigns`: ad campaigns on Meta, TikTok and Google. */
export const campaigns = defineTable('campaigns', {
  id: id(),
  user_id: c.uuid(),
  name: c.text({ min: 1, max: 200 }),
  platform: c.oneOf(vocabularies.campaigns.platform),
  objective: c.oneOf(vocabularies.campaigns.objective),
  status: c.oneOf(vocabularies.campaigns.status).defaulted(),
  external_campaign_id: c.text().nullable(),
  daily_budget_cents: c.bigint({ min: 0 }).nullable(),
  currency: c.currency().defaulted(),
  starts_at: c.timestamptz().nullable(),
  ends_at: c.timestamptz().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** `campaign_analytics`: one row per campaign per day. */
export const campaignAnalytics = defineTable('campaign_analytics', {
  id: id(),
  campaign_id: c.uuid(),
  date: c.date(),
  impressions: c.bigint().defaulted(),
  clicks: c.bigint().defaulted(),
  conversions: c.bigint().defaulted(),
  spend_cents: c.bigint({ min: 0 }).defaulted(),
  revenue_cents: c.bigint({ min: 0 }).defaulted(),
  currency: c.currency().defaulted(),
  created_at: createdAt(),
});

/** `campaign_assets`: the creative a campaign runs. */
export const campaignAssets = defineTable('campaign_assets', {
  id: id(),
  campaign_id: c.uuid(),
  asset_id: c.uuid(),
  placement: c.oneOf(vocabularies.campaign_assets.placement).defaulted(),
  created_at: createdAt(),
});

/** `ad_spend_fees`: the platform fee charged on a period's ad spend. */
export const adSpendFees = defineTable('ad_spend_fees', {
  id: id(),
  user_id: c.uuid(),
  campaign_id: c.uuid().nullable(),
  platform: c.oneOf(vocabularies.ad_spend_fees.platform),
  period_start: c.date(),
  period_end: c.date(),
  spend_cents: c.bigint({ min: 0 }),
  fee_bps: c.integer({ min: 0, max: 10_000 }),
  fee_cents: c.bigint({ min: 0 }),
  currency: c.currency().defaulted(),
  status: c.oneOf(vocabularies.ad_spend_fees.status).defaulted(),
  created_at: createdAt(),
});
