import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import type { TableName } from '../../src/rows/index.js';
import type { ForeignKey } from '../support/catalog.js';
import { dbTest } from '../support/db-test.js';
import { reviewedForeignKeys } from '../support/reviewed-schema.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { expectedAfterDelete } from './support/expected-deletion.js';
import { rolledBack } from './support/isolation.js';
import { createHoldings, type Holdings, holdings } from './support/ownership-graph.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';
import { snapshot } from './support/snapshot.js';

const TARGETS: TableName[] = ['users', 'projects', 'shows', 'campaigns', 'generation_jobs', 'inventory_items'];

/**
 * The rows whose deletion the guarantee speaks of: one of each kind per case, in any order
 * (so every kind is deleted in every case); `pick` chooses one among those present.
 */
const targets = fc
  .shuffledSubarray(TARGETS, { minLength: TARGETS.length })
  .chain((tables) => fc.tuple(...tables.map((table) => fc.record({ table: fc.constant(table), pick: fc.nat() }))));

/**
 * Deleting any user, project, show, campaign, job or inventory item changes exactly what
 * the foreign keys of `graph` say: cascaded rows go, SET NULL references are nulled, and
 * every other row of every table is byte-for-byte the same. The graph is the reviewed
 * foreign-key snapshot, not the database under test, so a changed rule is held to the reviewed one.
 */
const cascades =
  (graph: readonly ForeignKey[]): DbProperty<[Holdings[], { table: TableName; pick: number }[]]> =>
  async (db) =>
    fc.asyncProperty(owners, targets, (shapes, deletions) =>
      rolledBack(db, async () => {
        const f = createFactories(db, { seed: 5 });
        for (const shape of shapes) await createHoldings(f, shape);
        for (const { table, pick } of deletions) {
          const before = await snapshot(db);
          if (before[table].length === 0) continue;
          const victim = before[table][pick % before[table].length] as { id: string };
          await db.query(`DELETE FROM ${table} WHERE id = $1`, [victim.id]);
          expect(await snapshot(db), `after deleting ${table} ${victim.id}`).toEqual(
            expectedAfterDelete(before, graph, table, victim.id),
          );
        }
      }),
    );

const owners = fc.array(holdings, { minLength: 1, maxLength: 3 });

const graph = reviewedForeignKeys;
describe('cascades (guarantee 4)', () => {
  dbTest(
    'deleting an owner removes exactly the cascaded rows, nulls SET NULL references and keeps the rest',
    async ({ db }) => {
      await fc.assert(await cascades(graph)(db), fcOptions(15));
    },
  );

  it('reaches a deletion of each kind, with rows that SET NULL references point at, in its default runs', () => {
    const cases: Record<string, (shapes: Holdings[]) => boolean> = {
      'a refunded job': (shapes) => shapes.some((shape) => shape.jobs.some((job) => job.refunded)),
      'a paid job': (shapes) => shapes.some((shape) => shape.jobs.some((job) => job.cost > 0)),
      'a fee charged on a campaign': (shapes) => shapes.some((shape) => shape.campaigns.some((c) => c.fees > 0)),
      'a sale matched to an item': (shapes) =>
        shapes.some((shape) => shape.inventory > 0 && shape.payouts.some((lines) => lines.includes(true))),
      'an item in a show': (shapes) => shapes.some((shape) => shape.inventory > 0 && shape.shows.some((n) => n > 0)),
      'an audit entry': (shapes) => shapes.some((shape) => shape.audits > 0),
    };
    expect(unreached(owners, 15, cases)).toEqual([]);
    expect(fc.sample(targets, { numRuns: 15, seed: 1 }).every((list) => list.length === TARGETS.length)).toBe(true);
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
