import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { dbTest } from '../support/db-test.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { rolledBack } from './support/isolation.js';
import { fcOptions } from './support/runs.js';

/** Columns that hold what people type, each with a row to write it into. */
const COLUMNS = [
  ['users', 'display_name'],
  ['projects', 'description'],
  ['products', 'description'],
  ['product_images', 'alt_text'],
  ['campaigns', 'name'],
  ['landing_pages', 'title'],
  ['inventory_items', 'name'],
  ['inventory_items', 'notes'],
  ['shows', 'title'],
  ['competitor_streams', 'notes'],
] as const;
type Table = (typeof COLUMNS)[number][0];

async function makeRows(db: TestDb): Promise<Record<Table, string>> {
  const f = createFactories(db, { seed: 9 });
  return {
    users: (await f.users.create()).id,
    projects: (await f.projects.create()).id,
    products: (await f.products.create()).id,
    product_images: (await f.productImages.create()).id,
    campaigns: (await f.campaigns.create()).id,
    landing_pages: (await f.landingPages.create()).id,
    inventory_items: (await f.inventoryItems.create()).id,
    shows: (await f.shows.create()).id,
    competitor_streams: (await f.competitorStreams.create()).id,
  };
}

// Any Unicode text PostgreSQL can hold (it has no NUL), within every column's length limit.
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((value) => !value.includes('\0'));

/** Any Unicode written to a free-text column reads back unchanged, code point for code point. */
const roundTrips: DbProperty<[string[]]> = async (db) => {
  const ids = await makeRows(db);
  return fc.asyncProperty(fc.array(text, { minLength: COLUMNS.length, maxLength: COLUMNS.length }), (values) =>
    rolledBack(db, async () => {
      for (const [i, [table, column]] of COLUMNS.entries()) {
        await db.query(`UPDATE ${table} SET ${column} = $1 WHERE id = $2`, [values[i], ids[table]]);
      }
      const read = [];
      for (const [table, column] of COLUMNS) {
        const { rows } = await db.query<{ value: string }>(`SELECT ${column} AS value FROM ${table} WHERE id = $1`, [
          ids[table],
        ]);
        read.push(rows[0]?.value);
      }
      expect(read).toEqual(values);
    }),
  );
};

describe('free text (beside guarantees 8 and 9: what people type is stored as typed)', () => {
  dbTest('reads back any Unicode written to a free-text column unchanged', async ({ db }) => {
    await fc.assert(await roundTrips(db), fcOptions(50));
  });

  it('finds a counterexample when a free-text column becomes fixed-width', () =>
    expectCounterexample('ALTER TABLE shows ALTER COLUMN title TYPE char(40)', roundTrips, 20));
});
