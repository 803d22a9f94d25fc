import { DAY } from '../../../factories/time.js';
import type { Row } from '../../../src/rows/tables.js';
import { vocabularies } from '../../../src/rows/vocabularies.js';
import type { ScenarioContext } from '../../scenario.js';
import { type Cohort, cycle, groupBy, perMember } from './cohort.js';

/** Days of analytics every campaign that ran has. */
export const ANALYTICS_DAYS = 90;
const FIRST_START = Date.UTC(2025, 0, 2);
const STATUS_MIX = ['active', 'paused', 'completed', 'draft', 'archived'] as const;
const PLACEMENTS = {
  meta: ['feed', 'story', 'reel'],
  tiktok: ['feed', 'reel'],
  google: ['search', 'display'],
} as const;
const FEE_STATUS_MIX = ['paid', 'invoiced', 'pending', 'waived'] as const;
const ASSETS_PER_CAMPAIGN = 2;
const FEES_PER_CAMPAIGN = 2;

/**
 * Ad platform connections, campaigns on each platform (those that ran with 90 days of
 * analytics), their creative linked from the owner's generated images and videos, and fees.
 */
export async function createAds({ f, client }: ScenarioContext, cohort: Cohort): Promise<void> {
  const advertisers = cohort.members.filter((member) => member.profile.campaigns > 0);
  await f.adPlatformConnections.createEach(
    advertisers.flatMap(({ user }, i) =>
      vocabularies.campaigns.platform.map((platform) => ({
        user,
        platform,
        status: i % 5 === 4 && platform === 'tiktok' ? ('expired' as const) : ('active' as const),
      })),
    ),
  );
  let n = 0;
  const planned = perMember(
    advertisers,
    (p) => p.campaigns,
    ({ user }, k) => {
      const c = n++;
      const status = cycle(STATUS_MIX, c);
      const starts = FIRST_START + (c % 14) * DAY;
      const finished = status === 'completed' || status === 'archived';
      return {
        user,
        platform: cycle(vocabularies.campaigns.platform, k),
        status,
        starts_at: new Date(starts),
        ends_at: finished ? new Date(starts + ANALYTICS_DAYS * DAY) : null,
      };
    },
  );
  // A draft never ran, so it has no analytics, creative or fees.
  await f.campaigns.createEach(planned.filter((campaign) => campaign.status === 'draft'));
  const ran = await f.campaigns
    .withAnalytics(ANALYTICS_DAYS)
    .createEach(planned.filter((campaign) => campaign.status !== 'draft'));
  await linkCreative(ran, f, client);
  let fee = 0;
  await f.adSpendFees.createEach(
    ran.flatMap((campaign) =>
      Array.from({ length: FEES_PER_CAMPAIGN }, () => ({ campaign, status: cycle(FEE_STATUS_MIX, fee++) })),
    ),
  );
}

async function linkCreative(
  campaigns: Row<'campaigns'>[],
  f: ScenarioContext['f'],
  client: ScenarioContext['client'],
): Promise<void> {
  const { rows } = await client.query<{ id: string; user_id: string }>(
    `SELECT a.id, j.user_id FROM assets a JOIN generation_jobs j ON j.id = a.job_id
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
      return Array.from({ length: count }, (_, k) => ({
        campaign,
        asset: owned[(from + k) % owned.length] as { id: string },
        placement: cycle(PLACEMENTS[campaign.platform], k),
      }));
    }),
  );
}
