import { calendarDay, DAY, HOUR, MINUTE } from '../../../factories/time.js';
import type { Row } from '../../../src/rows/tables.js';
import { vocabularies } from '../../../src/rows/vocabularies.js';
import type { ScenarioContext } from '../../scenario.js';
import { campaignName } from './catalog-names.js';
import { type Cohort, cycle, groupBy } from './cohort.js';
import type { Member } from './profile.js';
import { between } from './rhythm.js';
import { whileAround } from './timeline.js';

/** The most days of analytics a campaign has: its last 90 days of running, up to the anchor. */
export const ANALYTICS_DAYS = 90;
const STATUS_MIX = ['active', 'paused', 'completed', 'draft', 'archived'] as const;
const PLACEMENTS = {
  meta: ['feed', 'story', 'reel'],
  tiktok: ['feed', 'reel'],
  google: ['search', 'display'],
} as const;
const FEE_STATUS_MIX = ['paid', 'invoiced', 'pending', 'waived'] as const;
const ASSETS_PER_CAMPAIGN = 2;
const FEE_PERIOD = 30 * DAY;

type CampaignStatus = (typeof STATUS_MIX)[number];

/** When a campaign was made, started and stopped (null while it runs), within its user's time. */
function schedule(context: ScenarioContext, member: Member, status: CampaignStatus) {
  const { random, asOf } = context;
  const anchor = asOf.getTime();
  const created = whileAround(random, member.time);
  if (status === 'draft') return { created, starts: null, ends: null };
  const starts = created + Math.min(between(random, HOUR, 3 * DAY), (anchor - created) / 2);
  if (status === 'active') return { created, starts, ends: null };
  const ends = Math.min(starts + between(random, 7 * DAY, 60 * DAY), anchor - MINUTE);
  return { created, starts, ends: Math.max(ends, starts + MINUTE) };
}

/**
 * Ad platform connections, campaigns named the way media buyers name them, on each
 * platform; those that ran have a day of analytics for each day they ran (the last 90 at
 * most, never after the anchor), creative from the user's generated images and videos, and
 * fees per month of running.
 */
export async function createAds(context: ScenarioContext, cohort: Cohort): Promise<void> {
  const { f, client } = context;
  const advertisers = cohort.members.filter((member) => member.profile.campaigns > 0);
  await connectAdPlatforms(context, advertisers);
  const campaigns = await f.campaigns.createEach(planCampaigns(context, advertisers));
  const ran = campaigns.filter((campaign) => campaign.starts_at !== null);
  await createAnalytics(context, ran);
  await linkCreative(ran, f, client);
  await createFees(context, ran);
}

/** Each advertiser's account on every platform, connected soon after signup (every fifth one's TikTok expired). */
async function connectAdPlatforms({ f, random }: ScenarioContext, advertisers: Member[]): Promise<void> {
  await f.adPlatformConnections.createEach(
    advertisers.flatMap(({ user, time }, i) =>
      vocabularies.campaigns.platform.map((platform) => ({
        user,
        platform,
        account_name: `${user.display_name ?? 'Shop'} ${platform === 'google' ? 'Google Ads' : platform === 'meta' ? 'Ads Manager' : 'TikTok Ads'}`,
        status: i % 5 === 4 && platform === 'tiktok' ? ('expired' as const) : ('active' as const),
        created_at: new Date(Math.min(time.signup + between(random, 10 * MINUTE, 2 * DAY), time.lastSeen)),
      })),
    ),
  );
}

/** Each advertiser's campaigns: the status mix across all of them, platforms in turn, named for the month they started. */
function planCampaigns(context: ScenarioContext, advertisers: Member[]) {
  const { random } = context;
  let n = 0;
  return advertisers.flatMap((member) =>
    Array.from({ length: member.profile.campaigns }, (_, k) => {
      const status = cycle(STATUS_MIX, n++);
      const platform = cycle(vocabularies.campaigns.platform, k);
      const { created, starts, ends } = schedule(context, member, status);
      const month = new Date(starts ?? created).toLocaleString('en-US', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      });
      return {
        user: member.user,
        name: campaignName(random, member.brand.name, platform, month),
        platform,
        status,
        created_at: new Date(created),
        updated_at: new Date(ends ?? starts ?? created),
        starts_at: starts === null ? null : new Date(starts),
        ends_at: ends === null ? null : new Date(ends),
      };
    }),
  );
}

/** A row of analytics for each whole UTC day a campaign ran, the last {@link ANALYTICS_DAYS} at most. */
async function createAnalytics({ f, asOf }: ScenarioContext, ran: Row<'campaigns'>[]): Promise<void> {
  const anchor = asOf.getTime();
  await f.campaignAnalytics.createEach(
    ran.flatMap((campaign) => {
      const until = campaign.ends_at?.getTime() ?? anchor;
      // Whole UTC days, from the day it started (or 90 days back) to the day it stopped.
      const lastDay = Math.floor((until - 1) / DAY);
      const firstDay = Math.max(
        Math.floor((campaign.starts_at?.getTime() ?? until) / DAY),
        lastDay - ANALYTICS_DAYS + 1,
      );
      // A day's figures are recorded when it is over (the last one when the campaign stopped).
      return Array.from({ length: lastDay - firstDay + 1 }, (_, d) => ({
        campaign,
        date: calendarDay(new Date((firstDay + d) * DAY)),
        created_at: new Date(Math.min((firstDay + d + 1) * DAY, until)),
      }));
    }),
  );
}

/** A fee for each whole {@link FEE_PERIOD} a campaign ran (at least one), in the fee status mix. */
async function createFees({ f, asOf }: ScenarioContext, ran: Row<'campaigns'>[]): Promise<void> {
  const anchor = asOf.getTime();
  let fee = 0;
  await f.adSpendFees.createEach(
    ran.flatMap((campaign) => {
      const from = campaign.starts_at?.getTime() ?? anchor;
      const until = campaign.ends_at?.getTime() ?? anchor;
      const periods = Math.max(1, Math.floor((until - from) / FEE_PERIOD));
      return Array.from({ length: periods }, (_, k) => ({
        campaign,
        status: cycle(FEE_STATUS_MIX, fee++),
        created_at: new Date(Math.min(from + (k + 1) * FEE_PERIOD, until)),
      }));
    }),
  );
}

async function linkCreative(
  campaigns: Row<'campaigns'>[],
  f: ScenarioContext['f'],
  client: ScenarioContext['client'],
): Promise<void> {
  const { rows } = await client.query<{ id: string; user_id: string; created_at: Date }>(
    `SELECT a.id, j.user_id, a.created_at FROM assets a JOIN generation_jobs j ON j.id = a.job_id
      WHERE j.user_id = ANY($1::uuid[]) AND a.type IN ('image', 'video') ORDER BY a.id`,
    [[...new Set(campaigns.map((campaign) => campaign.user_id))]],
  );
  const byUser = groupBy(rows, (row) => row.user_id);
  const used = new Map<string, number>();
  await f.campaignAssets.createEach(
    campaigns.flatMap((campaign) => {
      const owned = byUser.get(campaign.user_id) ?? [];
      const from = used.get(campaign.user_id) ?? 0;
      used.set(campaign.user_id, from + ASSETS_PER_CAMPAIGN);
      const count = Math.min(ASSETS_PER_CAMPAIGN, owned.length);
      return Array.from({ length: count }, (_, k) => {
        const asset = owned[(from + k) % owned.length] as { id: string; created_at: Date };
        // Linked once both existed.
        const at = Math.max(asset.created_at.getTime(), campaign.created_at.getTime()) + MINUTE;
        return { campaign, asset, placement: cycle(PLACEMENTS[campaign.platform], k), created_at: new Date(at) };
      });
    }),
  );
}
