/**
 * Trigram search over inventory_items: a rare substring by ILIKE with the index and with
 * the index unusable, and a typo-tolerant similarity top 20. One fresh database of
 * `count` factory-made items (plus a few rare ones), vacuumed and analysed after the load.
 */
import { createFactories } from '../factories/index.js';
import { CutxDbError } from '../src/db/errors.js';
import type { CutxDb } from '../src/db/open.js';
import { createTestDb } from '../src/testing/create-test-db.js';
import { medianMs } from './stats.js';

const RARE = '%quetzal%';
const ILIKE = 'SELECT id, name FROM inventory_items WHERE name ILIKE $1';
// A product name with a typo, as a seller would type it.
const TYPO = 'Ergonmic Wooden Chiar';
const SIMILAR =
  'SELECT id, name, similarity(name, $1) AS score FROM inventory_items WHERE name % $1 ORDER BY score DESC LIMIT 20';
// "Without the index": the same query, with index and bitmap scans off, so only a
// sequential scan remains; the table, its statistics and the data are the same.
const NO_INDEX = 'SET enable_bitmapscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off';
const WITH_INDEX = 'RESET enable_bitmapscan; RESET enable_indexscan; RESET enable_indexonlyscan';

export interface SearchFigures {
  search_ilike_rare_ms: number;
  search_ilike_rare_unindexed_ms: number;
  search_similarity_top20_ms: number;
}

async function fill(db: CutxDb, count: number): Promise<void> {
  const f = createFactories(db, { seed: 1 });
  const user = await f.users.create();
  const chunk = 10_000;
  for (let done = 0; done < count; done += chunk) {
    await f.inventoryItems.createList(Math.min(chunk, count - done), { user });
  }
  await f.inventoryItems.createEach(
    ['Quetzalcoatl holo promo', 'Quetzal feather brooch', 'Signed Quetzalcoatl figure'].map((name) => ({ user, name })),
  );
  // VACUUM as well as ANALYZE: a bulk load leaves the new trigrams in the GIN index's
  // pending list, which every search then scans whole (about 280 pages, 3 to 6 ms here);
  // VACUUM merges it into the index, ANALYZE alone does not.
  await db.exec('VACUUM ANALYZE inventory_items');
}

/** Fails the run when the plan is not the one the figure claims to measure. */
async function expectPlan(db: CutxDb, usesIndex: boolean): Promise<void> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${ILIKE}`, [RARE]);
  const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
  if (plan.includes('idx_inventory_search') !== usesIndex) {
    throw new CutxDbError('database_error', `Expected a plan ${usesIndex ? 'with' : 'without'} the index:\n${plan}`);
  }
}

/** Medians over `rounds` runs of each query on `count` items. */
export async function measureSearch(count: number, rounds: number): Promise<SearchFigures> {
  const db = await createTestDb();
  try {
    await fill(db, count);
    const run = (sql: string, param: string) => medianMs(rounds, () => db.query(sql, [param]));
    await expectPlan(db, true);
    const search_ilike_rare_ms = await run(ILIKE, RARE);
    const search_similarity_top20_ms = await run(SIMILAR, TYPO);
    await db.exec(NO_INDEX);
    await expectPlan(db, false);
    const search_ilike_rare_unindexed_ms = await run(ILIKE, RARE);
    await db.exec(WITH_INDEX);
    return { search_ilike_rare_ms, search_ilike_rare_unindexed_ms, search_similarity_top20_ms };
  } finally {
    await db.close();
  }
}
