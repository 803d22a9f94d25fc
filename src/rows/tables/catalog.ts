import { c, createdAt, id, updatedAt } from '../column.js';
import { defineTable } from '../define-table.js';
import { productAttributes } from '../json.js';

/** `projects`: a seller's groups of products. */
export const projects = defineTable('projects', {
  id: id(),
  user_id: c.uuid(),
  name: c.text({ min: 1, max: 200 }),
  description: c.text().nullable(),
  archived_at: c.timestamptz().nullable(),
  created_at: createdAt(),
});

/** `products`: ingested products. */
export const products = defineTable('products', {
  id: id(),
  project_id: c.uuid(),
  name: c.text({ min: 1, max: 300 }),
  description: c.text().nullable(),
  source_url: c.text({ regex: /^https?:\/\// }).nullable(),
  sku: c.text().nullable(),
  price_cents: c.bigint({ min: 0 }).nullable(),
  currency: c.currency().defaulted(),
  attributes: c.jsonb(productAttributes).defaulted(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** `product_images`: a product's images, one per position. */
export const productImages = defineTable('product_images', {
  id: id(),
  product_id: c.uuid(),
  url: c.text(),
  alt_text: c.text().nullable(),
  position: c.integer({ min: 0 }).defaulted(),
  width: c.integer({ min: 1 }).nullable(),
  height: c.integer({ min: 1 }).nullable(),
  created_at: createdAt(),
});
