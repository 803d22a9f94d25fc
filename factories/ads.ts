import fc from 'fast-check';
import type { Row } from '../src/rows/tables.js';
import { vocabularies } from '../src/rows/vocabularies.js';
import { g } from './column-generators.js';
import { type AnyRow, defineFactory, type Related } from './define-factory.js';
import { ownedByUser } from './parents.js';
import { after, calendarDay, DAY } from './time.js';

/** OAuth connections to the ad platforms, with random bytes standing in for ciphertext. */
export const adPlatformConnections = defineFactory({
  table: 'ad_platform_connections',
  parents: [ownedByUser],
  gens: {
    platform: g.pick(vocabularies.ad_platform_connections.platform),
    external_account_id: g.unique((seq) => `act_${seq}`),
    account_name: g.orNull(g.text((faker) => faker.company.name())),
    access_token_ciphertext: g.bytes(48),
    refresh_token_ciphertext: g.orNull(g.bytes(48)),
    scopes: g.custom(
      () => ['ads_read', 'ads_management'],
      () => fc.array(fc.stringMatching(/^[a-z_]{1,20}$/), { maxLength: 3 }),
    ),
    status: g.defaultOf('active', vocabularies.ad_platform_connections.status),
  },
  derive: (row) => ({ token_expires_at: after(row.created_at ?? new Date(0), 60 * DAY) }),
  traits: {},
});

async function addAnalytics(campaigns: Row<'campaigns'>[], f: Related, days: number): Promise<undefined> {
  await f.campaign_analytics.createEach(
    campaigns.flatMap((campaign) =>
      Array.from({ length: days }, (_, day) => ({
        campaign,
        date: calendarDay(after(campaign.starts_at ?? campaign.created_at, day * DAY)),
      })),
    ),
  );
  return undefined;
}

/** Campaigns running for thirty days from creation; withAnalytics(days) adds daily rows. */
export const campaigns = defineFactory({
  table: 'campaigns',
  parents: [ownedByUser],
  gens: {
    name: g.text((faker) => `${faker.commerce.productAdjective()} ${faker.commerce.product()} push`),
    platform: g.pick(vocabularies.campaigns.platform),
    objective: g.pick(vocabularies.campaigns.objective),
    status: g.defaultOf('active', vocabularies.campaigns.status),
    external_campaign_id: g.orNull(g.unique((seq) => `cmp_${seq}`)),
    daily_budget_cents: g.orNull(g.int8(500, 100_000)),
    currency: g.defaultOf('USD', ['USD', 'EUR', 'GBP']),
  },
  derive: (row) => {
    const start = row.created_at ?? new Date(0);
    return { starts_at: start, ends_at: after(start, 30 * DAY) };
  },
  traits: {
    withAnalytics: (days = 7) => ({ after: (rows: Row<'campaigns'>[], f: Related) => addAnalytics(rows, f, days) }),
  },
});

// Default dates count days from here, so they stay clear of the dates withAnalytics() uses
// (from a campaign's start, in 2025).
const ANALYTICS_EPOCH = Date.UTC(2020, 0, 1);

/** Daily analytics; the funnel narrows (clicks from impressions, conversions from clicks). */
export const campaignAnalytics = defineFactory({
  table: 'campaign_analytics',
  // A campaign's days are in its currency.
  parents: [
    {
      key: 'campaign',
      column: 'campaign_id',
      table: 'campaigns',
      copy: (campaign) => ({ currency: campaign.currency as string }),
    },
  ],
  gens: {
    date: g.unique((seq) => calendarDay(new Date(ANALYTICS_EPOCH + seq * DAY)), 100_000),
    impressions: g.int8(1_000, 200_000),
    spend_cents: g.int8(0, 50_000),
    revenue_cents: g.int8(0, 150_000),
  },
  derive: (row) => {
    const clicks = Math.floor(Number(row.impressions ?? 0) / 40);
    return { clicks: String(clicks), conversions: String(Math.floor(clicks / 25)) };
  },
  traits: {},
});

/** Creative on a campaign: each link gets its own asset, made by a job of the campaign's user. */
export const campaignAssets = defineFactory({
  table: 'campaign_assets',
  parents: [
    { key: 'campaign', column: 'campaign_id', table: 'campaigns' },
    {
      key: 'asset',
      column: 'asset_id',
      table: 'assets',
      perRow: true,
      create: async (f, resolved) => {
        const jobs = await f.generation_jobs.createEach(
          resolved.map((r) => (r.campaign ? { user_id: r.campaign.user_id } : {})),
        );
        return (await f.assets.createEach(jobs.map((job) => ({ job })))) as AnyRow[];
      },
    },
  ],
  gens: { placement: g.defaultOf('feed', vocabularies.campaign_assets.placement) },
  traits: {},
});

/** Fees on ad spend, for the thirty days before creation; fee_cents = spend × bps. */
export const adSpendFees = defineFactory({
  table: 'ad_spend_fees',
  parents: [
    // Given a campaign, the fee is its user's and on its platform; none is made otherwise.
    {
      key: 'campaign',
      column: 'campaign_id',
      table: 'campaigns',
      optional: true,
      copy: (campaign: AnyRow) => ({ user_id: campaign.user_id, platform: campaign.platform }),
    },
    ownedByUser,
  ],
  gens: {
    platform: g.pick(vocabularies.ad_spend_fees.platform),
    spend_cents: g.int8(0, 10_000_000),
    fee_bps: g.int(0, 1_000),
    status: g.defaultOf('pending', vocabularies.ad_spend_fees.status),
  },
  derive: (row) => {
    const end = row.created_at ?? new Date(0);
    return {
      period_start: calendarDay(after(end, -30 * DAY)),
      period_end: calendarDay(end),
      fee_cents: String(Math.round((Number(row.spend_cents) * row.fee_bps) / 10_000)),
    };
  },
  traits: {},
});
