import type { SqlClient } from '../src/db/sql-client.js';
import type { Row } from '../src/rows/tables.js';
import { vocabularies } from '../src/rows/vocabularies.js';
import { g } from './column-generators.js';
import { defineFactory, type Related } from './define-factory.js';
import { ownedByUser } from './parents.js';
import { after, calendarDay, DAY, HOUR, MINUTE } from './time.js';
import { valueTraits } from './traits.js';
import { productName } from './words.js';

/** Inventory; SKUs come from the sequence, so they never clash for one user. */
export const inventoryItems = defineFactory({
  table: 'inventory_items',
  parents: [ownedByUser],
  gens: {
    name: g.text(productName, 300),
    sku: g.orNull(g.unique((seq) => `SKU-${seq}`)),
    category: g.pick(vocabularies.inventory_items.category),
    condition: g.pick(vocabularies.inventory_items.condition),
    status: g.defaultOf('in_stock', vocabularies.inventory_items.status),
    quantity: g.int(1, 5),
    cost_cents: g.int8(100, 50_000),
    value_cents: g.int8(100, 100_000),
    currency: g.defaultOf('USD', ['USD', 'EUR', 'GBP']),
    notes: g.sometimes(g.words(3, 8)),
  },
  traits: {},
});

async function addShowItems(shows: Row<'shows'>[], f: Related, count: number): Promise<undefined> {
  const items = await f.inventory_items.createEach(
    shows.flatMap((show) => Array.from({ length: count }, () => ({ user_id: show.user_id }))),
  );
  await f.show_items.createEach(items.map((item, i) => ({ show: shows[Math.floor(i / count)], inventory_item: item })));
  return undefined;
}

/** Live shows, scheduled a day after creation; traits per status, and withItems(n). */
export const shows = defineFactory({
  table: 'shows',
  parents: [ownedByUser],
  gens: {
    title: g.text((faker) => `${faker.commerce.department()} night`),
    platform: g.pick(vocabularies.shows.platform),
    status: g.defaultOf('scheduled', vocabularies.shows.status),
    stream_url: g.orNull(g.unique((seq) => `https://live.example.com/streams/${seq}`)),
  },
  derive: (row) => {
    const scheduled = after(row.created_at ?? new Date(0), DAY);
    const started = row.status === 'live' || row.status === 'ended';
    return {
      scheduled_at: scheduled,
      started_at: started ? scheduled : null,
      ended_at: row.status === 'ended' ? after(scheduled, 2 * HOUR) : null,
    };
  },
  traits: {
    ...valueTraits<'shows', typeof vocabularies.shows.status>('status', vocabularies.shows.status),
    withItems: (count = 3) => ({ after: (rows: Row<'shows'>[], f: Related) => addShowItems(rows, f, count) }),
  },
});

/** A show's line-up: each entry gets its own inventory item, of the show's user. */
export const showItems = defineFactory({
  table: 'show_items',
  parents: [
    { key: 'show', column: 'show_id', table: 'shows' },
    {
      key: 'inventory_item',
      column: 'inventory_item_id',
      table: 'inventory_items',
      perRow: true,
      with: (resolved) => (resolved.show ? { user_id: resolved.show.user_id } : {}),
    },
  ],
  gens: {
    position: g.unique((seq) => seq),
    starting_price_cents: g.int8(100, 10_000),
    status: g.defaultOf('queued', vocabularies.show_items.status),
  },
  derive: (row) => ({
    sold_price_cents: row.status === 'sold' ? String(Math.round(Number(row.starting_price_cents) * 1.5)) : null,
    sold_at: row.status === 'sold' ? after(row.created_at ?? new Date(0), HOUR) : null,
  }),
  traits: {},
});

async function addLineItems(
  imports: Row<'payout_imports'>[],
  f: Related,
  client: SqlClient,
  count: number,
): Promise<Row<'payout_imports'>[]> {
  const items = await f.inventory_items.createEach(
    imports.flatMap((payout) => Array.from({ length: count }, () => ({ user_id: payout.user_id, status: 'sold' }))),
  );
  await f.payout_line_items.createEach(
    items.map((item, i) => ({
      payout_import: imports[Math.floor(i / count)],
      inventory_item: item,
      item_title: item.name,
    })),
  );
  const rows = await updatePayoutTotals(
    client,
    imports.map((payout) => payout.id),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return imports.map((payout) => byId.get(payout.id) ?? payout);
}

/**
 * Sets each import's row_count and total_cents to those of its lines, in one statement,
 * and returns the imports that have lines as updated.
 */
export async function updatePayoutTotals(
  client: SqlClient,
  importIds: readonly string[],
): Promise<Row<'payout_imports'>[]> {
  const { rows } = await client.query<Row<'payout_imports'>>(
    `UPDATE payout_imports p SET row_count = t.n, total_cents = t.net
       FROM (SELECT payout_import_id, count(*)::int AS n, sum(net_cents)::bigint AS net
               FROM payout_line_items WHERE payout_import_id = ANY($1::uuid[]) GROUP BY 1) t
      WHERE p.id = t.payout_import_id RETURNING p.*`,
    [importIds],
  );
  return rows;
}

/** Payout files, completed by default; withLineItems(n) adds n sales matched to new inventory. */
export const payoutImports = defineFactory({
  table: 'payout_imports',
  parents: [ownedByUser],
  gens: {
    platform: g.pick(vocabularies.payout_imports.platform),
    file_name: g.unique((seq) => `payout-${seq}.csv`),
    file_sha256: g.sha256(),
    status: g.defaultOf('completed', vocabularies.payout_imports.status),
    currency: g.defaultOf('USD', ['USD', 'EUR', 'GBP']),
  },
  derive: (row) => {
    const created = row.created_at ?? new Date(0);
    return {
      period_start: calendarDay(after(created, -7 * DAY)),
      period_end: calendarDay(created),
      error_message: row.status === 'failed' ? 'Unrecognised CSV header' : null,
      imported_at: row.status === 'completed' ? after(created, MINUTE) : null,
    };
  },
  traits: {
    withLineItems: (count = 3) => ({
      after: (rows: Row<'payout_imports'>[], f: Related, client: SqlClient) => addLineItems(rows, f, client, count),
    }),
  },
});

/** Sales lines; net = gross - fees, fees a tenth of gross. Unmatched unless given an item. */
export const payoutLineItems = defineFactory({
  table: 'payout_line_items',
  parents: [
    { key: 'payout_import', column: 'payout_import_id', table: 'payout_imports' },
    { key: 'inventory_item', column: 'inventory_item_id', table: 'inventory_items', optional: true },
  ],
  gens: {
    line_number: g.unique((seq) => seq),
    external_order_id: g.unique((seq) => `ORD-${seq}`),
    item_title: g.text(productName),
    quantity: g.int(1, 3),
    gross_cents: g.int8(100, 100_000),
  },
  derive: (row) => {
    const gross = Number(row.gross_cents);
    const fees = Math.round(gross / 10);
    return {
      fees_cents: String(fees),
      net_cents: String(gross - fees),
      sold_at: after(row.created_at ?? new Date(0), -DAY),
    };
  },
  traits: {},
});

/** Competitors' streams, observed when the row is created. */
export const competitorStreams = defineFactory({
  table: 'competitor_streams',
  parents: [ownedByUser],
  gens: {
    platform: g.pick(vocabularies.competitor_streams.platform),
    channel_handle: g.unique((seq) => `seller${seq}`),
    channel_url: g.orNull(g.unique((seq) => `https://live.example.com/@seller${seq}`)),
    title: g.orNull(g.words(2, 6)),
    category: g.orNull(g.pick(vocabularies.competitor_streams.category)),
    viewer_count: g.orNull(g.int(0, 5_000)),
    peak_viewers: g.orNull(g.int(0, 10_000)),
    notes: g.sometimes(g.words(3, 8)),
  },
  derive: (row) => ({ observed_at: row.created_at ?? new Date(0) }),
  traits: {},
});
