import { eq } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type Selectable } from 'kysely';
import pg from 'pg';
import { test as base, describe, expect, expectTypeOf } from 'vitest';
import { inventoryItems, users } from '../../src/drizzle/index.js';
import type { Database } from '../../src/kysely/index.js';
import { type Row, tables } from '../../src/rows/index.js';
import { openTestDb, type TestDb } from '../../src/testing/test-db.js';
import { engine } from '../support/test-db.js';

interface Builders {
  kysely: Kysely<Database>;
  drizzle: ReturnType<typeof drizzlePglite> | ReturnType<typeof drizzlePg>;
}

/** Kysely and Drizzle on the package's own test database, each through the driver its engine takes. */
function buildersOn(db: TestDb): Builders & { close(): Promise<void> } {
  if (db.pglite === undefined) {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, drizzle: drizzlePg(pool), close: () => kysely.destroy() };
  }
  // PostgresDialect only needs a pool whose clients run `query(sql, params)` and return
  // `rows`; without pg's `command` it reports no affected-row counts, which no test reads.
  const pool = {
    connect: async () => ({ query: (sql: string, params: unknown[]) => db.query(sql, params), release: () => {} }),
    end: async () => {},
  } as unknown as PostgresPool;
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, drizzle: drizzlePglite(db.pglite), close: () => kysely.destroy() };
}

const test = base.extend<{ builders: Builders }>({
  builders: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const db = await openTestDb({ serverUrl: process.env.CUTX_TEST_DATABASE_URL });
      const builders = buildersOn(db);
      try {
        await use(builders);
      } finally {
        await builders.close();
        await db.close();
      }
    },
    { scope: 'file' },
  ],
});

describe(`the generated query-builder types (${engine})`, () => {
  test('let Kysely insert a row from its required columns alone, and read it as the policy says', async ({
    builders: { kysely },
  }) => {
    const user = await kysely
      .insertInto('users')
      .values({ email: 'kysely@example.com' })
      .returningAll()
      .executeTakeFirstOrThrow();
    const item = await kysely
      .insertInto('inventory_items')
      .values({
        user_id: user.id,
        name: 'Card',
        category: 'toys',
        condition: 'new',
        cost_cents: 150,
        value_cents: '200',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(item.cost_cents).toBe('150');
    expect(item.created_at).toBeInstanceOf(Date);
    expect(tables.inventory_items.row.safeParse(item).error).toBeUndefined();
    expectTypeOf(item).toEqualTypeOf<Selectable<Database['inventory_items']>>();
    expectTypeOf<Selectable<Database['inventory_items']>>().toEqualTypeOf<Row<'inventory_items'>>();
    expectTypeOf<Selectable<Database['users']>>().toEqualTypeOf<Row<'users'>>();
    expectTypeOf<Selectable<Database['campaign_analytics']>['date']>().toEqualTypeOf<Date>();
  });

  test('refuse, at compile time, an insert without a required column or with a value outside a vocabulary', ({
    builders: { kysely },
  }) => {
    // Compiled, never run: the @ts-expect-error lines fail `npm run typecheck` if they compile.
    const _compileOnly = () => [
      // @ts-expect-error email is required
      kysely.insertInto('users').values({ display_name: 'x' }),
      // @ts-expect-error role is a closed vocabulary
      kysely.insertInto('users').values({ email: 'a@b.c', role: 'root' }),
      // @ts-expect-error balance_after is filled by a trigger but amount is required
      kysely.insertInto('credit_transactions').values({ user_id: 'x', kind: 'purchase' }),
    ];
    expect(typeof _compileOnly).toBe('function');
  });

  test('let Drizzle select with the generated tables, in the same JS types', async ({ builders: { drizzle } }) => {
    const [user] = await drizzle.insert(users).values({ email: 'drizzle@example.com' }).returning();
    const id = user?.id as string;
    await drizzle.insert(inventoryItems).values({
      user_id: id,
      name: 'Card',
      category: 'toys',
      condition: 'new',
      cost_cents: '150',
      value_cents: '9007199254740993',
    });
    const [item] = await drizzle.select().from(inventoryItems).where(eq(inventoryItems.user_id, id));
    expect(item?.value_cents).toBe('9007199254740993');
    expect(item?.currency).toBe('USD');
    expect(tables.inventory_items.row.safeParse(item).error).toBeUndefined();
    expectTypeOf<typeof inventoryItems.$inferSelect>().toEqualTypeOf<Row<'inventory_items'>>();
    expectTypeOf<typeof users.$inferSelect>().toEqualTypeOf<Row<'users'>>();
  });
});
