import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbTest } from '../support/db-test.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { rolledBack } from './support/isolation.js';
import { fcOptions } from './support/runs.js';

// Words of 12+ distinct letters: a one-letter substitution in the middle of a word of n
// letters keeps a trigram word similarity of (n - 2) / (n + 4), which clears pg_trgm's
// default word_similarity_threshold of 0.6 from n = 12. Shorter words need a lower threshold.
const word = fc
  .shuffledSubarray([...'abcdefghijklmnopqrstuvwxyz'], { minLength: 12, maxLength: 14 })
  .map((letters) => letters.join(''));
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));

interface Search {
  name: string;
  others: string[];
  /** A substring of 3+ characters of the name, in any case. */
  fragment: string;
  /** One word of the name with one letter substituted, dropped or added. */
  typo: string;
}

const search: fc.Arbitrary<Search> = fc
  .record({
    name,
    others: fc.array(name, { maxLength: 3 }),
    start: fc.nat(),
    length: fc.nat(),
    upper: fc.array(fc.boolean(), { maxLength: 50 }),
    word: fc.nat(),
    at: fc.nat(),
    edit: fc.constantFrom('substitute', 'drop', 'add'),
    letter: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
  })
  .map(({ name, others, start, length, upper, word, at, edit, letter }) => {
    const from = start % (name.length - 2);
    const fragment = [...name.slice(from, from + 3 + (length % (name.length - from - 2)))]
      .map((char, i) => (upper[i] ? char.toUpperCase() : char))
      .join('');
    const words = name.split(' ');
    const target = words[word % words.length] ?? '';
    const i = at % target.length;
    const rest = target.slice(i + (edit === 'add' ? 0 : 1));
    const typo = target.slice(0, i) + (edit === 'drop' ? '' : letter) + rest;
    return { name, others, fragment, typo };
  })
  .filter(({ name, typo }) => !name.split(' ').includes(typo));

const plan = async (db: TestDb, sql: string, param: string) =>
  (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [param])).rows.map((row) => row['QUERY PLAN']).join('\n');

const BY_FRAGMENT = "SELECT id FROM inventory_items WHERE name ILIKE '%' || $1 || '%'";
const BY_TYPO = 'SELECT id FROM inventory_items WHERE $1 <% name';

/**
 * Any substring of 3+ characters finds a generated name by ILIKE, any one-letter typo of
 * one of its words finds it by word similarity, and both searches use idx_inventory_search.
 */
const searchFinds: DbProperty<[Search]> = async (db) =>
  fc.asyncProperty(search, ({ name, others, fragment, typo }) =>
    rolledBack(db, async () => {
      const { rows } = await db.query<{ id: string }>(
        `WITH seller AS (INSERT INTO users (email) VALUES ('seller@cutx.test') RETURNING id)
         INSERT INTO inventory_items (user_id, name, category, condition, cost_cents, value_cents)
         SELECT seller.id, item, 'trading_cards', 'good', 100, 200 FROM seller, unnest($1::text[]) AS item
         RETURNING id`,
        [[name, ...others]],
      );
      const id = rows[0]?.id;
      const found = async (sql: string, param: string) =>
        (await db.query<{ id: string }>(sql, [param])).rows.map((row) => row.id);
      expect(await found(BY_FRAGMENT, fragment), `"${fragment}" in "${name}"`).toContain(id);
      expect(await found(BY_TYPO, typo), `"${typo}" for "${name}"`).toContain(id);
      // A handful of rows is cheapest to scan whole; with sequential scans off, the plan says
      // whether the index can serve the search at all.
      await db.exec('ANALYZE inventory_items; SET LOCAL enable_seqscan = off');
      expect(await plan(db, BY_FRAGMENT, fragment)).toContain('idx_inventory_search');
      expect(await plan(db, BY_TYPO, typo)).toContain('idx_inventory_search');
    }),
  );

describe('search (guarantee 6)', () => {
  dbTest(
    'finds a name by any 3+ character substring and any one-letter typo, through idx_inventory_search',
    async ({ db }) => {
      await fc.assert(await searchFinds(db), fcOptions(25));
    },
  );

  it.each([
    [
      'the search index is a plain B-tree',
      'DROP INDEX idx_inventory_search; CREATE INDEX idx_inventory_search ON inventory_items (name)',
    ],
    ['the search index is dropped', 'DROP INDEX idx_inventory_search'],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, searchFinds, 10));
});
