/**
 * The closed vocabularies of the schema: every kind/type/status/platform column and the
 * values its CHECK constraint accepts. The contract tests hold these equal to the SQL.
 */

const adPlatforms = ['meta', 'tiktok', 'google'] as const;
const livePlatforms = ['whatnot', 'tiktok_shop', 'ebay_live', 'instagram_live', 'youtube'] as const;
const itemCategories = [
  'trading_cards',
  'sneakers',
  'collectibles',
  'apparel',
  'electronics',
  'jewelry',
  'toys',
  'other',
] as const;
const runStatuses = ['pending', 'processing', 'completed', 'failed'] as const;

export const vocabularies = {
  users: {
    role: ['user', 'admin', 'owner'],
    status: ['active', 'suspended', 'banned'],
  },
  generation_jobs: {
    type: ['copy', 'static_ad', 'ugc_video', 'tts', 'product_photo'],
    status: runStatuses,
  },
  assets: {
    type: ['image', 'video', 'copy', 'audio'],
  },
  credit_transactions: {
    kind: ['signup_bonus', 'purchase', 'subscription_grant', 'admin_grant', 'generation', 'refund', 'adjustment'],
  },
  subscriptions: {
    tier: ['starter', 'pro', 'business', 'enterprise'],
    status: ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'],
  },
  ad_platform_connections: {
    platform: adPlatforms,
    status: ['active', 'expired', 'revoked', 'error'],
  },
  campaigns: {
    platform: adPlatforms,
    objective: ['awareness', 'traffic', 'engagement', 'leads', 'sales'],
    status: ['draft', 'active', 'paused', 'completed', 'archived'],
  },
  campaign_assets: {
    placement: ['feed', 'story', 'reel', 'search', 'display'],
  },
  ad_spend_fees: {
    platform: adPlatforms,
    status: ['pending', 'invoiced', 'paid', 'waived'],
  },
  landing_pages: {
    status: ['draft', 'published', 'archived'],
  },
  inventory_items: {
    category: itemCategories,
    condition: ['new', 'like_new', 'very_good', 'good', 'fair', 'poor'],
    status: ['in_stock', 'reserved', 'sold', 'archived'],
  },
  shows: {
    platform: livePlatforms,
    status: ['scheduled', 'live', 'ended', 'cancelled'],
  },
  show_items: {
    status: ['queued', 'live', 'sold', 'unsold', 'pulled'],
  },
  payout_imports: {
    platform: livePlatforms,
    status: runStatuses,
  },
  competitor_streams: {
    platform: livePlatforms,
    category: itemCategories,
  },
  admin_audit_log: {
    action: [
      'user.role_change',
      'user.suspend',
      'user.ban',
      'user.reinstate',
      'user.delete',
      'credits.grant',
      'credits.revoke',
      'subscription.override',
      'job.retry',
      'job.cancel',
      'impersonation.start',
      'impersonation.end',
    ],
    target_type: ['user', 'subscription', 'generation_job', 'campaign', 'landing_page', 'credit_transaction'],
  },
} as const;

/** The signup grant the database gives every new user (guarantee 1). */
export const SIGNUP_CREDITS = 25;
