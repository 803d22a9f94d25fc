import { c, createdAt, id, updatedAt } from '../column.js';
import { defineTable } from '../define-table.js';
import { vocabularies } from '../vocabularies.js';

/** `inventory_items`: what a seller has in stock. */
export const inventoryItems = defineTable('inventory_items', {
  id: id(),
  user_id: c.uuid(),
  name: c.text({ min: 1, max: 300 }),
  sku: c.text().nullable(),
  category: c.oneOf(vocabularies.inventory_items.category),
  condition: c.oneOf(vocabularies.inventory_items.condition),
  status: c.oneOf(vocabularies.inventory_items.status).defaulted(),
  quantity: c.integer({ min: 0 }).defaulted(),
  cost_cents: c.bigint({ min: 0 }),
  value_cents: c.bigint({ min: 0 }),
  currency: c.currency().defaulted(),
  notes: c.text().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** `shows`: live-selling shows. */
export const shows = defineTable('shows', {
  id: id(),
  user_id: c.uuid(),
  title: c.text({ min: 1, max: 200 }),
  platform: c.oneOf(vocabularies.shows.platform),
  status: c.oneOf(vocabularies.shows.status).defaulted(),
  scheduled_at: c.timestamptz(),
  started_at: c.timestamptz().nullable(),
  ended_at: c.timestamptz().nullable(),
  stream_url: c.text().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** `show_items`: a show's line-up of inventory items. */
export const showItems = defineTable('show_items', {
  id: id(),
  show_id: c.uuid(),
  inventory_item_id: c.uuid(),
  position: c.integer({ min: 0 }),
  starting_price_cents: c.bigint({ min: 0 }),
  sold_price_cents: c.bigint({ min: 0 }).nullable(),
  currency: c.currency().defaulted(),
  status: c.oneOf(vocabularies.show_items.status).defaulted(),
  sold_at: c.timestamptz().nullable(),
  created_at: createdAt(),
});

/** `payout_imports`: payout files uploaded from the selling platforms. */
export const payoutImports = defineTable('payout_imports', {
  id: id(),
  user_id: c.uuid(),
  platform: c.oneOf(vocabularies.payout_imports.platform),
  file_name: c.text(),
  file_sha256: c.bytea(32),
  status: c.oneOf(vocabularies.payout_imports.status).defaulted(),
  period_start: c.date().nullable(),
  period_end: c.date().nullable(),
  row_count: c.integer({ min: 0 }).defaulted(),
  total_cents: c.bigint().defaulted(),
  currency: c.currency().defaulted(),
  error_message: c.text().nullable(),
  imported_at: c.timestamptz().nullable(),
  created_at: createdAt(),
});

/** `payout_line_items`: one sale of a payout file, possibly matched to inventory. */
export const payoutLineItems = defineTable('payout_line_items', {
  id: id(),
  payout_import_id: c.uuid(),
  inventory_item_id: c.uuid().nullable(),
  line_number: c.integer({ min: 1 }),
  external_order_id: c.text(),
  item_title: c.text(),
  quantity: c.integer({ min: 1 }).defaulted(),
  gross_cents: c.bigint(),
  fees_cents: c.bigint({ min: 0 }),
  net_cents: c.bigint(),
  currency: c.currency().defaulted(),
  sold_at: c.timestamptz(),
  created_at: createdAt(),
});

/** `competitor_streams`: other sellers' streams the seller watches. */
export const competitorStreams = defineTable('competitor_streams', {
  id: id(),
  user_id: c.uuid(),
  platform: c.oneOf(vocabularies.competitor_streams.platform),
  channel_handle: c.text(),
  channel_url: c.text().nullable(),
  title: c.text().nullable(),
  category: c.oneOf(vocabularies.competitor_streams.category).nullable(),
  observed_at: c.timestamptz(),
  viewer_count: c.integer({ min: 0 }).nullable(),
  peak_viewers: c.integer({ min: 0 }).nullable(),
  notes: c.text().nullable(),
  created_at: createdAt(),
});
