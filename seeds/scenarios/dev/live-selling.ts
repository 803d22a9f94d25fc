import type { Faker } from '@faker-js/faker';
import { updatePayoutTotals } from '../../../factories/live-selling.js';
import { DAY, HOUR, MINUTE } from '../../../factories/time.js';
import type { Row } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import { type Cohort, cycle, groupBy, perMember } from './cohort.js';
import { inventoryListing } from './inventory-names.js';
import type { Member } from './profile.js';
import { between, busyInstant } from './rhythm.js';
import { whileAround } from './timeline.js';

type ItemStatus = Row<'inventory_items'>['status'];
type ShowStatus = Row<'shows'>['status'];
type ShowItemStatus = Row<'show_items'>['status'];

// Of every twenty items: four sold, one reserved, one archived, the rest in stock.
const ITEM_STATUS_MIX: readonly ItemStatus[] = [
  ...(['sold', 'sold', 'sold', 'sold', 'reserved', 'archived'] as const),
  ...Array.from({ length: 14 }, () => 'in_stock' as const),
];
const SHOW_STATUS_MIX = ['ended', 'ended', 'live', 'scheduled', 'cancelled'] as const;
const PAYOUT_STATUS_MIX = ['completed', 'completed', 'failed', 'completed', 'pending', 'processing'] as const;
const ITEMS_PER_SHOW = 6;
const LINES_PER_PAYOUT = 5;
const SHOW_SLOTS = ['Friday Night', 'Sunday Funday', 'Midweek', 'Late Night', 'Saturday Morning'] as const;
const SHOW_FORMATS = ['Breaks', 'Auction', 'Mystery Pulls', '$1 Starts', 'Giveaway Stream'] as const;
const SHOW_THEMES = [
  'Pokemon & Sports Cards',
  'Sneaker Drops',
  'Vintage Finds',
  'Graded Slabs',
  'Collectibles',
] as const;
const STREAM_TITLES = [
  'Charizard hunt: Evolving Skies case break',
  '$1 start sneakers all night',
  'Sunday PSA 10 slab auction',
  'Vintage tees and hoodies, no reserve',
  'Mystery box openings, giveaways every 50 buys',
  'Sports card breaks: Prizm and Chrome',
] as const;

/** A show's title as sellers write them: slot, format, theme. */
function showTitle(random: Faker): string {
  const pick = <T>(values: readonly T[]) => random.helpers.arrayElement(values);
  return `${pick(SHOW_SLOTS)} ${pick(SHOW_FORMATS)}: ${pick(SHOW_THEMES)}`;
}

/**
 * When a show of `status` was planned, scheduled, started and ended: ended and cancelled
 * ones in the seller's past, a live one started within the anchor's last hour and a half,
 * a scheduled one planned recently for the days after the anchor (the one kind of time the
 * scenario puts after it).
 */
function showTimes(random: Faker, { time }: Member, status: ShowStatus, anchor: number) {
  const planned = (scheduled: number) => Math.max(time.signup, scheduled - between(random, DAY, 7 * DAY));
  switch (status) {
    case 'live': {
      const scheduled = anchor - between(random, 20 * MINUTE, 90 * MINUTE);
      return { created: planned(scheduled), scheduled, started: scheduled + 2 * MINUTE, ended: null };
    }
    case 'scheduled':
      return {
        created: whileAround(random, time, time.lastSeen - 7 * DAY),
        scheduled: anchor + between(random, DAY, 10 * DAY),
        started: null,
        ended: null,
      };
    default: {
      const scheduled = busyInstant(random, time.signup + DAY, Math.min(time.lastSeen, anchor - 4 * HOUR));
      const started = scheduled + between(random, MINUTE, 10 * MINUTE);
      const ended = status === 'ended' ? started + between(random, 90 * MINUTE, 3 * HOUR) : null;
      return { created: planned(scheduled), scheduled, started: status === 'ended' ? started : null, ended };
    }
  }
}

/** How a show's line-up entry at `position` ended, given how the show went. */
function lineUpStatus(show: ShowStatus, position: number): ShowItemStatus {
  switch (show) {
    case 'ended':
      return position % 3 === 2 ? 'unsold' : 'sold';
    case 'live':
      return position < 2 ? 'sold' : position === 2 ? 'live' : 'queued';
    case 'scheduled':
      return 'queued';
    case 'cancelled':
      return 'pulled';
  }
}

/**
 * Inventory with realistic names (the search corpus), shows with line-ups from the
 * seller's own inventory, payout imports whose lines match sold items, and the competitor
 * streams each seller watches.
 */
export async function createLiveSelling(context: ScenarioContext, cohort: Cohort): Promise<void> {
  const sellers = cohort.members.filter((member) => member.profile.inventory > 0);
  const itemsByUser = groupBy(await createInventory(context, sellers), (item) => item.user_id);
  const shows = await createShows(context, sellers);
  await createLineUps(context, shows, itemsByUser);
  await createPayouts(context, sellers, itemsByUser);
  await createCompetitorStreams(context, sellers);
}

/** Each seller's inventory, listed while they were around, in the status mix. */
function createInventory({ f, random }: ScenarioContext, sellers: Member[]): Promise<Row<'inventory_items'>[]> {
  return f.inventoryItems.createEach(
    perMember(
      sellers,
      (p) => p.inventory,
      ({ user, time }, k) => {
        const at = new Date(whileAround(random, time));
        return {
          user,
          ...inventoryListing(random),
          status: ITEM_STATUS_MIX[k % ITEM_STATUS_MIX.length],
          notes: null,
          created_at: at,
          updated_at: at,
        };
      },
    ),
  );
}

/** Each seller's shows, in the status mix, timed by {@link showTimes}. */
function createShows({ f, random, asOf }: ScenarioContext, sellers: Member[]): Promise<Row<'shows'>[]> {
  const anchor = asOf.getTime();
  return f.shows.createEach(
    perMember(
      sellers,
      (p) => p.shows,
      (member, k) => {
        const status = cycle(SHOW_STATUS_MIX, k);
        const { created, scheduled, started, ended } = showTimes(random, member, status, anchor);
        return {
          user: member.user,
          title: showTitle(random),
          status,
          created_at: new Date(created),
          updated_at: new Date(ended ?? started ?? created),
          scheduled_at: new Date(scheduled),
          started_at: started === null ? null : new Date(started),
          ended_at: ended === null ? null : new Date(ended),
        };
      },
    ),
  );
}

/**
 * Each show's line-up: the next {@link ITEMS_PER_SHOW} of its seller's items (show after
 * show, wrapping round), each ending as {@link lineUpStatus} says.
 */
async function createLineUps(
  { f }: ScenarioContext,
  shows: Row<'shows'>[],
  itemsByUser: Map<string, Row<'inventory_items'>[]>,
): Promise<void> {
  const showsSoFar = new Map<string, number>();
  await f.showItems.createEach(
    shows.flatMap((show) => {
      const owned = itemsByUser.get(show.user_id) ?? [];
      const nth = showsSoFar.get(show.user_id) ?? 0;
      showsSoFar.set(show.user_id, nth + 1);
      const count = Math.min(ITEMS_PER_SHOW, owned.length);
      return Array.from({ length: count }, (_, position) => {
        const item = owned[(nth * ITEMS_PER_SHOW + position) % owned.length] as Row<'inventory_items'>;
        const status = lineUpStatus(show.status, position);
        // Sold a few minutes apart once the show started.
        const soldAt =
          status === 'sold' ? new Date((show.started_at?.getTime() ?? 0) + (position + 1) * 4 * MINUTE) : null;
        return {
          show,
          inventory_item: item,
          position,
          starting_price_cents: String(Math.round(Number(item.value_cents) / 2)),
          currency: item.currency,
          status,
          created_at: new Date(show.created_at.getTime() + MINUTE),
          sold_at: soldAt,
        };
      });
    }),
  );
}

/** The competitor streams each seller follows, noted while they were around. */
async function createCompetitorStreams({ f, random }: ScenarioContext, sellers: Member[]): Promise<void> {
  await f.competitorStreams.createEach(
    perMember(
      sellers,
      (p) => p.competitors,
      ({ user, time }) => ({
        user,
        title: random.helpers.arrayElement(STREAM_TITLES),
        created_at: new Date(whileAround(random, time)),
      }),
    ),
  );
}

async function createPayouts(
  { f, client, random }: ScenarioContext,
  sellers: Cohort['members'],
  itemsByUser: Map<string, Row<'inventory_items'>[]>,
): Promise<void> {
  const imports = await f.payoutImports.createEach(
    perMember(
      sellers,
      (p) => p.payouts,
      ({ user, time }, k) => ({
        user,
        status: cycle(PAYOUT_STATUS_MIX, k),
        // A payout covers the week before it: the first one a week after signup at the earliest.
        created_at: new Date(whileAround(random, time, time.signup + 7 * DAY)),
      }),
    ),
  );
  const completedSoFar = new Map<string, number>();
  await f.payoutLineItems.createEach(
    imports
      .filter((payout) => payout.status === 'completed')
      .flatMap((payout) => {
        const sold = (itemsByUser.get(payout.user_id) ?? []).filter((item) => item.status === 'sold');
        const nth = completedSoFar.get(payout.user_id) ?? 0;
        completedSoFar.set(payout.user_id, nth + 1);
        return sold.slice(nth * LINES_PER_PAYOUT, (nth + 1) * LINES_PER_PAYOUT).map((item, k) => ({
          payout_import: payout,
          inventory_item: item,
          line_number: k + 1,
          item_title: item.name,
          quantity: 1,
          gross_cents: item.value_cents,
          currency: payout.currency,
          created_at: payout.created_at,
        }));
      }),
  );
  await updatePayoutTotals(
    client,
    imports.map((payout) => payout.id),
  );
}
