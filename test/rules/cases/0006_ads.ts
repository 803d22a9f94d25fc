import { type Attack, attackCheck, attackCheckEach } from '../support/attack.js';
import { INSTANT, MICROSECOND_AFTER, text } from '../support/values.js';

// The CHECKs of schema/0006_ads.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfAds: Attack[] = [
  attackCheck(
    'ad_platform_connections_platform_check',
    'ad_platform_connections',
    { platform: 'google' },
    {
      platform: 'x',
    },
  ),
  attackCheck(
    'ad_platform_connections_status_check',
    'ad_platform_connections',
    { status: 'error' },
    {
      status: 'failed',
    },
  ),
  attackCheck('campaigns_name_length', 'campaigns', { name: text(200) }, { name: text(201) }, { name: '' }),
  attackCheck('campaigns_platform_check', 'campaigns', { platform: 'tiktok' }, { platform: 'TikTok' }),
  attackCheck('campaigns_objective_check', 'campaigns', { objective: 'sales' }, { objective: 'reach' }),
  attackCheck('campaigns_status_check', 'campaigns', { status: 'archived' }, { status: 'deleted' }),
  attackCheck('campaigns_daily_budget_nonnegative', 'campaigns', { daily_budget_cents: 0 }, { daily_budget_cents: -1 }),
  attackCheck(
    'campaigns_schedule_order',
    'campaigns',
    { starts_at: INSTANT, ends_at: MICROSECOND_AFTER },
    { starts_at: INSTANT, ends_at: INSTANT },
  ),
  attackCheck('campaign_analytics_spend_nonnegative', 'campaign_analytics', { spend_cents: 0 }, { spend_cents: -1 }),
  attackCheck(
    'campaign_analytics_revenue_nonnegative',
    'campaign_analytics',
    { revenue_cents: 0 },
    {
      revenue_cents: -1,
    },
  ),
  // A funnel narrows: 0 <= conversions <= clicks <= impressions, each step at equality
  // with room in the others, so a step compared with the wrong side is noticed.
  attackCheck(
    'campaign_analytics_funnel',
    'campaign_analytics',
    { impressions: 10, clicks: 5, conversions: 0 },
    { impressions: 10, clicks: 5, conversions: -1 },
  ),
  attackCheck(
    'campaign_analytics_funnel',
    'campaign_analytics',
    { impressions: 10, clicks: 5, conversions: 5 },
    { impressions: 10, clicks: 5, conversions: 6 },
  ),
  attackCheck(
    'campaign_analytics_funnel',
    'campaign_analytics',
    { impressions: 10, clicks: 10, conversions: 5 },
    { impressions: 10, clicks: 11, conversions: 5 },
  ),
  attackCheck('campaign_assets_placement_check', 'campaign_assets', { placement: 'display' }, { placement: 'banner' }),
  attackCheck('ad_spend_fees_platform_check', 'ad_spend_fees', { platform: 'meta' }, { platform: 'facebook' }),
  attackCheck('ad_spend_fees_spend_nonnegative', 'ad_spend_fees', { spend_cents: 0 }, { spend_cents: -1 }),
  attackCheck('ad_spend_fees_fee_bps_range', 'ad_spend_fees', { fee_bps: 0 }, { fee_bps: -1 }),
  attackCheck('ad_spend_fees_fee_bps_range', 'ad_spend_fees', { fee_bps: 10000 }, { fee_bps: 10001 }),
  attackCheck('ad_spend_fees_fee_nonnegative', 'ad_spend_fees', { fee_cents: 0 }, { fee_cents: -1 }),
  attackCheck('ad_spend_fees_status_check', 'ad_spend_fees', { status: 'waived' }, { status: 'refunded' }),
  attackCheck(
    'ad_spend_fees_period_order',
    'ad_spend_fees',
    { period_start: '2026-01-02', period_end: '2026-01-02' },
    { period_start: '2026-01-02', period_end: '2026-01-01' },
  ),
  // The other side of each implication, and the anchors: a row only the branch decides.
  attackCheck('campaigns_name_length', 'campaigns', { name: 'c' }, { name: '' }),
  // Every value each list admits, so that dropping one is noticed.
  attackCheckEach('ad_platform_connections_platform_check', 'ad_platform_connections', 'platform', [
    'meta',
    'tiktok',
    'google',
  ]),
  attackCheckEach('ad_platform_connections_status_check', 'ad_platform_connections', 'status', [
    'active',
    'expired',
    'revoked',
    'error',
  ]),
  attackCheckEach('ad_spend_fees_platform_check', 'ad_spend_fees', 'platform', ['meta', 'tiktok', 'google']),
  attackCheckEach('ad_spend_fees_status_check', 'ad_spend_fees', 'status', ['pending', 'invoiced', 'paid', 'waived']),
  attackCheckEach('campaign_assets_placement_check', 'campaign_assets', 'placement', [
    'feed',
    'story',
    'reel',
    'search',
    'display',
  ]),
  attackCheckEach('campaigns_objective_check', 'campaigns', 'objective', [
    'awareness',
    'traffic',
    'engagement',
    'leads',
    'sales',
  ]),
  attackCheckEach('campaigns_platform_check', 'campaigns', 'platform', ['meta', 'tiktok', 'google']),
  attackCheckEach('campaigns_status_check', 'campaigns', 'status', [
    'draft',
    'active',
    'paused',
    'completed',
    'archived',
  ]),
];
