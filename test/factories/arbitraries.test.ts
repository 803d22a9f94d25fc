import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries, createFactories } from '../../factories/index.js';
import { insertRows } from '../../factories/insert-rows.js';
import { tables } from '../../src/rows/index.js';
import { rolledBack } from '../properties/support/isolation.js';
import { dbTest } from '../support/db-test.js';

describe('arbitraries', () => {
  it('exist for every table', () => {
    expect(Object.keys(arbitraries)).toHaveLength(Object.keys(tables).length);
  });

  for (const [name, arbitrary] of Object.entries(arbitraries)) {
    it(`${name}: every generated row passes its insert schema`, () => {
      fc.assert(
        fc.property(arbitrary, () => true),
        { numRuns: 50 },
      );
    });
  }

  dbTest('inventory_items: every generated row is accepted by the database once its user exists', async ({ db }) => {
    const user = await createFactories(db, { seed: 3 }).users.create();
    await fc.assert(
      fc.asyncProperty(arbitraries.inventoryItems, async (row) => {
        await rolledBack(db, () => insertRows(db, tables.inventory_items, [{ ...row, user_id: user.id }]));
      }),
      { numRuns: 40 },
    );
  });

  dbTest('generation_jobs: rows satisfy the status-dependent CHECKs', async ({ db }) => {
    const user = await createFactories(db, { seed: 4 }).users.create();
    await fc.assert(
      fc.asyncProperty(arbitraries.generationJobs, async (row) => {
        await rolledBack(db, () =>
          insertRows(db, tables.generation_jobs, [{ ...row, user_id: user.id, credits_cost: 0 }]),
        );
      }),
      { numRuns: 40 },
    );
  });
});
