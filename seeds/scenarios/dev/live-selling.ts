import { updatePayoutTotals } from '../../../factories/live-selling.js';
import type { Row } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import { type Cohort, cycle, groupBy, perMember } from './cohort.js';
import { inventoryListing } from './inventory-names.js';

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
export async function createLiveSelling({ f, client, random }: ScenarioContext, cohort: Cohort): Promise<void> {
  const sellers = cohort.members.filter((member) => member.profile.inventory > 0);
  const items = await f.inventoryItems.createEach(
    perMember(
      sellers,
      (p) => p.inventory,
      ({ user }, k) => ({ user, ...inventoryListing(random), status: ITEM_STATUS_MIX[k % ITEM_STATUS_MIX.length] }),
    ),
  );
  const itemsByUser = groupBy(items, (item) => item.user_id);

  const shows = await f.shows.createEach(
    perMember(
      sellers,
      (p) => p.shows,
      ({ user }, k) => ({ user, status: cycle(SHOW_STATUS_MIX, k) }),
    ),
  );
  const showsSoFar = new Map<string, number>();
  await f.showItems.createEach(
    shows.flatMap((show) => {
      const owned = itemsByUser.get(show.user_id) ?? [];
      const nth = showsSoFar.get(show.user_id) ?? 0;
      showsSoFar.set(show.user_id, nth + 1);
      const count = Math.min(ITEMS_PER_SHOW, owned.length);
      return Array.from({ length: count }, (_, position) => {
        const item = owned[(nth * ITEMS_PER_SHOW + position) % owned.length] as Row<'inventory_items'>;
        return {
          show,
          inventory_item: item,
          position,
          starting_price_cents: String(Math.round(Number(item.value_cents) / 2)),
          currency: item.currency,
          status: lineUpStatus(show.status, position),
        };
      });
    }),
  );

  await createPayouts({ f, client, random }, sellers, itemsByUser);
  await f.competitorStreams.createEach(
    perMember(
      sellers,
      (p) => p.competitors,
      ({ user }) => ({ user }),
    ),
  );
}

async function createPayouts(
  { f, client }: ScenarioContext,
  sellers: Cohort['members'],
  itemsByUser: Map<string, Row<'inventory_items'>[]>,
): Promise<void> {
  const imports = await f.payoutImports.createEach(
    perMember(
      sellers,
      (p) => p.payouts,
      ({ user }, k) => ({ user, status: cycle(PAYOUT_STATUS_MIX, k) }),
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
        }));
      }),
  );
  await updatePayoutTotals(
    client,
    imports.map((payout) => payout.id),
  );
}
