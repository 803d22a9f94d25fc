import fc from 'fast-check';
import type { FactorySet } from '../../../factories/index.js';

/**
 * The shape of what one user owns, a few rows of every table at every level of the tree.
 * Shapes shrink towards a bare user; the factories fill in the column values.
 */
export interface Holdings {
  tokens: number;
  purchases: number;
  subscription: boolean;
  /** Per job: its assets, its cost (debited) and whether it was refunded. */
  jobs: { assets: number; cost: number; refunded: boolean }[];
  /** Per project, per product: its images. */
  projects: number[][];
  /** Per campaign: daily analytics, links to the user's assets, fees charged on it. */
  campaigns: { analytics: number; creatives: number; fees: number }[];
  connections: number;
  looseFees: number;
  landingPages: number;
  inventory: number;
  /** Per show: how many of the user's inventory items are in its line-up. */
  shows: number[];
  /** Per payout import, per line: whether it is matched to one of the user's items. */
  payouts: boolean[][];
  streams: number;
  /** Audit entries the user made as an admin. */
  audits: number;
}

const few = (max: number) => fc.nat({ max });

export const holdings: fc.Arbitrary<Holdings> = fc.record({
  tokens: few(2),
  purchases: few(2),
  subscription: fc.boolean(),
  jobs: fc.array(fc.record({ assets: few(2), cost: few(3), refunded: fc.boolean() }), { maxLength: 3 }),
  projects: fc.array(fc.array(few(2), { maxLength: 2 }), { maxLength: 2 }),
  campaigns: fc.array(fc.record({ analytics: few(2), creatives: few(2), fees: few(1) }), { maxLength: 2 }),
  connections: few(1),
  looseFees: few(1),
  landingPages: few(1),
  inventory: few(3),
  shows: fc.array(few(3), { maxLength: 2 }),
  payouts: fc.array(fc.array(fc.boolean(), { maxLength: 3 }), { maxLength: 2 }),
  streams: few(1),
  audits: few(2),
});

const times = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

/** Creates a user and everything `shape` says it owns, a statement per table and level. */
export async function createHoldings(f: FactorySet, shape: Holdings): Promise<void> {
  const user = await f.users.create();
  await f.magicLinkTokens.createList(shape.tokens, { user });
  await f.creditTransactions.createList(shape.purchases, { user });
  if (shape.subscription) await f.subscriptions.create({ user });
  const jobs = (await f.generationJobs.createEach(shape.jobs.map(({ cost }) => ({ user, credits_cost: cost })))).map(
    (job) => ({ id: job.id }),
  );
  await f.creditTransactions.createEach(
    jobs.filter((_, i) => shape.jobs[i]?.refunded).map((job) => ({ user, job, kind: 'refund' })),
  );
  const assets = await f.assets.createEach(
    jobs.flatMap((job, i) => times(shape.jobs[i]?.assets ?? 0, () => ({ job }))),
  );
  const projects = await f.projects.createList(shape.projects.length, { user });
  const products = await f.products.createEach(
    projects.flatMap((project, i) => (shape.projects[i] ?? []).map(() => ({ project }))),
  );
  const imageCounts = shape.projects.flat();
  await f.productImages.createEach(products.flatMap((product, i) => times(imageCounts[i] ?? 0, () => ({ product }))));
  const campaigns = await f.campaigns.createList(shape.campaigns.length, { user });
  await f.campaignAnalytics.createEach(
    campaigns.flatMap((campaign, i) => times(shape.campaigns[i]?.analytics ?? 0, () => ({ campaign }))),
  );
  await f.campaignAssets.createEach(
    campaigns.flatMap((campaign, i) =>
      assets.slice(0, shape.campaigns[i]?.creatives ?? 0).map((asset) => ({ campaign, asset })),
    ),
  );
  await f.adSpendFees.createEach([
    ...campaigns.flatMap((campaign, i) => times(shape.campaigns[i]?.fees ?? 0, () => ({ campaign }))),
    ...times(shape.looseFees, () => ({ user })),
  ]);
  await f.adPlatformConnections.createList(shape.connections, { user });
  await f.landingPages.createList(shape.landingPages, { user });
  const items = await f.inventoryItems.createList(shape.inventory, { user });
  const shows = await f.shows.createList(shape.shows.length, { user });
  await f.showItems.createEach(
    shows.flatMap((show, i) => items.slice(0, shape.shows[i]).map((inventory_item) => ({ show, inventory_item }))),
  );
  const imports = await f.payoutImports.createList(shape.payouts.length, { user });
  await f.payoutLineItems.createEach(
    imports.flatMap((payout_import, i) =>
      (shape.payouts[i] ?? []).map((matched, line) => {
        const item = matched ? items[line % items.length] : undefined;
        return item ? { payout_import, inventory_item: item } : { payout_import };
      }),
    ),
  );
  await f.competitorStreams.createList(shape.streams, { user });
  await f.adminAuditLog.createList(shape.audits, { actor: user });
}
