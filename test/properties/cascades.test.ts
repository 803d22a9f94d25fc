import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import type { TableName } from '../../src/rows/index.js';
import type { ForeignKey } from '../support/catalog.js';
import { reviewedForeignKeys } from '../support/reviewed-schema.js';
import { openTestDb, type TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { expectedAfterDelete } from './support/expected-deletion.js';
import { rolledBack } from './support/isolation.js';
import { createHoldings, type Holdings, holdings } from './support/ownership-graph.js';
import { fcOptions } from './support/runs.js';
import { snapshot } from './support/snapshot.js';

/** The rows whose deletion the guarantee speaks of; `pick` chooses one among those present. */
const target = fc.record({
  table: fc.constantFrom<TableName>('users', 'projects', 'shows', 'campaigns', 'generation_jobs', 'inventory_items'),
  pick: fc.nat(),
});

/**
 * Deleting any user, project, show, campaign, job or inventory item changes exactly what
 * the foreign keys of `graph` say: cascaded rows go, SET NULL references are nulled, and
 * every other row of all 23 tables is byte-for-byte the same. The graph is the reviewed
 * foreign-key snapshot, not the database under test, so a changed rule is held to the reviewed one.
 */
const cascades =
  (graph: readonly ForeignKey[]): DbProperty<[Holdings[], { table: TableName; pick: number }]> =>
  async (db) =>
    fc.asyncProperty(fc.array(holdings, { minLength: 1, maxLength: 3 }), target, (owners, { table, pick }) =>
      rolledBack(db, async () => {
        const f = createFactories(db, { seed: 5 });
        for (const shape of owners) await createHoldings(f, shape);
        const before = await snapshot(db);
        const candidates = before[table].length > 0 ? before[table] : before.users;
        const victim = candidates[pick % candidates.length] as { id: string };
        const victimTable = before[table].length > 0 ? table : 'users';
        await db.query(`DELETE FROM ${victimTable} WHERE id = $1`, [victim.id]);
        expect(await snapshot(db)).toEqual(expectedAfterDelete(before, graph, victimTable, victim.id));
      }),
    );

const graph = reviewedForeignKeys;
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('cascades (guarantee 4)', () => {
  it('deleting an owner removes exactly the cascaded rows, nulls SET NULL references and keeps the rest', async () => {
    await fc.assert(await cascades(graph)(db), fcOptions(15));
  });

  it.each([
    [
      'deleting a project keeps its products',
      `ALTER TABLE products DROP CONSTRAINT products_project_id_fkey, ALTER COLUMN project_id DROP NOT NULL,
         ADD FOREIGN KEY (project_id) REFERENCES projects ON DELETE SET NULL`,
    ],
    [
      'deleting a show keeps its line-up',
      `ALTER TABLE show_items DROP CONSTRAINT show_items_show_id_fkey, ALTER COLUMN show_id DROP NOT NULL,
         ADD FOREIGN KEY (show_id) REFERENCES shows ON DELETE SET NULL`,
    ],
    [
      'deleting a campaign deletes its fees',
      `ALTER TABLE ad_spend_fees DROP CONSTRAINT ad_spend_fees_campaign_id_fkey,
         ADD FOREIGN KEY (campaign_id) REFERENCES campaigns ON DELETE CASCADE`,
    ],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, cascades(graph), 15));
});
