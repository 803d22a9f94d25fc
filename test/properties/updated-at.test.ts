import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyInstant } from '../../factories/column-generators.js';
import { createFactories } from '../../factories/index.js';
import { tables } from '../../src/rows/index.js';
import { UPDATED_AT_TABLES } from '../contract/contract-checks.js';
import { dbTest } from '../support/db-test.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';

// The spec's ten tables (the contract test holds them equal to the generated metadata).
const TABLES = UPDATED_AT_TABLES;
type UpdatedTable = (typeof TABLES)[number];

interface Update {
  table: UpdatedTable;
  /** Written back unchanged: the update fires every trigger without changing the row. */
  column: string;
  /** Timestamps the statement sets itself, as seeds and careless callers do; 'unchanged' writes the current one back. */
  updatedAt: Date | 'unchanged' | null;
  createdAt: Date | null;
}

const update: fc.Arbitrary<Update> = fc.constantFrom(...TABLES).chain((table) =>
  fc.record({
    table: fc.constant(table),
    column: fc.constantFrom(
      ...Object.keys(tables[table].columns).filter((name) => name !== 'created_at' && name !== 'updated_at'),
    ),
    updatedAt: fc.oneof(fc.constant(null), fc.constant('unchanged' as const), anyInstant),
    createdAt: fc.option(anyInstant),
  }),
);

const updates = fc.array(update, { minLength: 1, maxLength: 8 });

/** One row in each of the ten tables, all owned by one new user; returns the user and the ids. */
async function makeRows(f: ReturnType<typeof createFactories>, db: TestDb) {
  const user = await f.users.create();
  const project = await f.projects.create({ user });
  const { rows } = await db.query<{ id: string }>('SELECT id FROM credit_balances WHERE user_id = $1', [user.id]);
  const ids: Record<UpdatedTable, string> = {
    users: user.id,
    credit_balances: rows[0]?.id ?? '',
    // Row<'generation_jobs'> types id as optional (its row schema is a union); a row read back has one.
    generation_jobs: (await f.generationJobs.create({ user })).id,
    products: (await f.products.create({ project })).id,
    campaigns: (await f.campaigns.create({ user })).id,
    ad_platform_connections: (await f.adPlatformConnections.create({ user })).id,
    landing_pages: (await f.landingPages.create({ user })).id,
    inventory_items: (await f.inventoryItems.create({ user })).id,
    shows: (await f.shows.create({ user })).id,
    subscriptions: (await f.subscriptions.create({ user })).id,
  };
  return { userId: user.id, ids };
}

/**
 * Any updates, each in its own transaction, move updated_at strictly forward and leave
 * created_at as it was. Each case makes its rows and deletes their user afterwards (the
 * updates must commit, so a rollback cannot undo them).
 */
const updatedAt: DbProperty<[Update[]]> = async (db) => {
  const f = createFactories(db, { seed: 3 });
  return fc.asyncProperty(updates, async (updates) => {
    const { userId, ids } = await makeRows(f, db);
    try {
      for (const { table, column, updatedAt, createdAt } of updates) {
        const id = ids[table];
        const [before] = (
          await db.query<{ created_at: string; updated_at: string }>(
            `SELECT created_at::text, updated_at::text FROM ${table} WHERE id = $1`,
            [id],
          )
        ).rows;
        const sets = [`${column} = ${column}`];
        const params: unknown[] = [id];
        if (updatedAt === 'unchanged') sets.push('updated_at = updated_at');
        else if (updatedAt) sets.push(`updated_at = $${params.push(updatedAt)}`);
        if (createdAt) sets.push(`created_at = $${params.push(createdAt)}`);
        await db.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1`, params);
        const { rows } = await db.query(
          `SELECT updated_at > $2::timestamptz AS later, created_at = $3::timestamptz AS kept FROM ${table} WHERE id = $1`,
          [id, before?.updated_at, before?.created_at],
        );
        expect(rows, `${table} after SET ${sets.join(', ')}`).toEqual([{ later: true, kept: true }]);
      }
    } finally {
      await db.query('DELETE FROM users WHERE id = $1', [userId]);
    }
  });
};

describe('updated_at (guarantee 3)', () => {
  dbTest('moves updated_at strictly forward and keeps created_at on every update of the ten tables', async ({ db }) => {
    await fc.assert(await updatedAt(db), fcOptions(25));
  });

  it('reaches every table, an updated_at written back unchanged, one in the past and a created_at rewrite in its default runs', () => {
    const any = (matches: (update: Update) => boolean) => (updates: Update[]) => updates.some(matches);
    const cases = {
      ...Object.fromEntries(TABLES.map((table) => [table, any((update) => update.table === table)])),
      'updated_at written back unchanged': any((update) => update.updatedAt === 'unchanged'),
      'updated_at set in the past': any(
        (update) => update.updatedAt instanceof Date && update.updatedAt.getTime() < Date.now(),
      ),
      'created_at rewritten': any((update) => update.createdAt !== null),
    };
    expect(unreached(updates, 25, cases)).toEqual([]);
  });

  it.each([
    ['one table loses its trigger', 'DROP TRIGGER shows_updated_at ON shows'],
    [
      'the trigger lets an update rewrite created_at',
      `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.updated_at := greatest(clock_timestamp(), OLD.updated_at + interval '1 microsecond'); RETURN NEW; END $$`,
    ],
    [
      'the trigger trusts an updated_at the statement sets',
      `CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.created_at := OLD.created_at;
         IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN NEW.updated_at := clock_timestamp(); END IF;
         RETURN NEW;
       END $$`,
    ],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, updatedAt, 25));
});
