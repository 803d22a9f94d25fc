import { describe, expect } from 'vitest';
import { FactoryRun } from '../../factories/factory-run.js';
import { createFactorySet } from '../../factories/factory-set.js';
import { createFactories, type FactorySet } from '../../factories/index.js';
import { factorySpecs } from '../../factories/specs.js';
import { CutxDbError } from '../../src/db/errors.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { type TableName, tables } from '../../src/rows/index.js';
import { factoriesTest } from '../support/db-test.js';
import { openTestDb } from '../support/test-db.js';

// Each test starts from empty tables, whatever the one before it committed.
const test = factoriesTest(7);

const count = async (db: SqlClient, table: TableName, where = 'true', params: unknown[] = []) =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0]?.n);

type LooseFactory = {
  table: TableName;
  traitNames: readonly string[];
  create(): Promise<{ id: string }>;
} & Record<string, unknown>;

describe('the factory set', () => {
  test('has one factory per table', () => {
    expect(
      Object.values(factorySpecs)
        .map((spec) => spec.table)
        .sort(),
    ).toEqual(Object.keys(tables).sort());
  });

  // The lint: a new table or trait is exercised here without anyone adding a test.
  for (const [name, spec] of Object.entries(factorySpecs)) {
    const traits = Object.keys(spec.traits);
    test(`${name} creates a default row and one with every trait (${traits.join(', ') || 'no traits'})`, async ({
      db,
      f,
    }) => {
      const factory = f[name as keyof FactorySet] as unknown as LooseFactory;
      expect(factory.traitNames).toEqual(traits);
      for (const variant of [factory, ...traits.map((trait) => (factory[trait] as () => LooseFactory)())]) {
        const row = await variant.create();
        expect(await count(db, spec.table, 'id = $1', [row.id])).toBe(1);
      }
    });
  }
});

type ListFactory = LooseFactory & {
  buildList(count: number): Record<string, unknown>[];
  createList(count: number): Promise<{ id: string }[]>;
};

describe('what factories build and return', () => {
  for (const [name, spec] of Object.entries(factorySpecs)) {
    const variants = (factory: ListFactory) => [
      factory,
      ...Object.keys(spec.traits).map((trait) => (factory[trait] as () => ListFactory)()),
    ];
    // createList validates one row per overrides object and trusts the generators for the rest.
    test(`${name}: every built row of every variant passes the insert schema`, ({ f }) => {
      for (const variant of variants(f[name as keyof FactorySet] as unknown as ListFactory)) {
        for (const row of variant.buildList(40)) expect(tables[spec.table].insert.safeParse(row).error).toBeUndefined();
      }
    });
    test(`${name}: createList returns the rows a read returns`, async ({ db, f }) => {
      for (const variant of variants(f[name as keyof FactorySet] as unknown as ListFactory)) {
        const created = await variant.createList(3);
        const { rows } = await db.query(`SELECT * FROM ${spec.table} WHERE id = ANY($1::uuid[])`, [
          created.map((row) => row.id),
        ]);
        const byId = new Map(rows.map((row) => [(row as { id: string }).id, row]));
        expect(created).toEqual(created.map((row) => byId.get(row.id)));
      }
    });
  }
});

describe('parents', () => {
  test('creates each missing ancestor once: a product image makes one product, project and user', async ({ db, f }) => {
    const before = await Promise.all((['products', 'projects', 'users'] as const).map((t) => count(db, t)));
    const image = await f.productImages.create();
    const after = await Promise.all((['products', 'projects', 'users'] as const).map((t) => count(db, t)));
    expect(after).toEqual(before.map((n) => n + 1));
    const product = (await db.query<{ project_id: string }>('SELECT * FROM products WHERE id = $1', [image.product_id]))
      .rows[0];
    expect(product).toBeDefined();
  });

  test('reuses a given parent row or key, and shares one created parent across a list', async ({ db, f }) => {
    const user = await f.users.create();
    const users = await count(db, 'users');
    const [a, b] = [await f.projects.create({ user }), await f.projects.create({ user_id: user.id })];
    expect([a.user_id, b.user_id]).toEqual([user.id, user.id]);
    const items = await f.inventoryItems.createList(5);
    expect(new Set(items.map((item) => item.user_id)).size).toBe(1);
    expect(await count(db, 'users')).toBe(users + 1);
  });

  test('keeps related parents under one user (show items, campaign assets, fees on a campaign)', async ({ db, f }) => {
    const item = await f.showItems.create();
    const owners = await db.query<{ s: string; i: string }>(
      `SELECT s.user_id AS s, i.user_id AS i FROM show_items x JOIN shows s ON s.id = x.show_id
         JOIN inventory_items i ON i.id = x.inventory_item_id WHERE x.id = $1`,
      [item.id],
    );
    expect(owners.rows[0]?.s).toBe(owners.rows[0]?.i);
    const campaign = await f.campaigns.create();
    const users = await count(db, 'users');
    const fee = await f.adSpendFees.create({ campaign_id: campaign.id });
    expect([fee.user_id, fee.platform]).toEqual([campaign.user_id, campaign.platform]);
    await f.campaignAssets.createList(2, { campaign });
    expect(await count(db, 'users')).toBe(users);
  });
});

describe('traits', () => {
  test('returns new factories and leaves the original unchanged', async ({ f }) => {
    const admins = f.users.admin();
    expect(admins).not.toBe(f.users);
    expect((await admins.suspended().create()).role).toBe('admin');
    expect((await f.users.create()).role).toBe('user');
  });

  test('gives completed jobs an output and an asset, failed jobs an error', async ({ db, f }) => {
    const done = await f.generationJobs.completed().create();
    expect(done.output_url).toMatch(/^https:/);
    expect(await count(db, 'assets', 'job_id = $1', [done.id])).toBe(1);
    const failed = await f.generationJobs.failed().create();
    expect([failed.status, typeof failed.error_message]).toEqual(['failed', 'string']);
  });

  test('adds analytics days, show items and matched payout lines', async ({ db, f }) => {
    const campaign = await f.campaigns.withAnalytics(30).create();
    expect(await count(db, 'campaign_analytics', 'campaign_id = $1', [campaign.id])).toBe(30);
    const show = await f.shows.withItems(4).create();
    expect(await count(db, 'show_items', 'show_id = $1', [show.id])).toBe(4);
    const payout = await f.payoutImports.withLineItems(3).create();
    expect(payout.row_count).toBe(3);
    expect(
      await count(db, 'payout_line_items', 'payout_import_id = $1 AND inventory_item_id IS NOT NULL', [payout.id]),
    ).toBe(3);
  });
});

describe('the ledger', () => {
  test('sets a balance through one adjustment, and never overdraws with default jobs', async ({ db, f }) => {
    const balance = await f.creditBalances.create({ balance: 100 });
    expect(balance.balance).toBe(100);
    expect(
      await count(db, 'credit_transactions', "user_id = $1 AND kind = 'adjustment' AND amount = 75", [balance.user_id]),
    ).toBe(1);
    const user = await f.users.create();
    await f.generationJobs.createList(40, { user });
    const paid = await f.generationJobs.create({ user, credits_cost: 5 });
    expect(await count(db, 'credit_transactions', "job_id = $1 AND kind = 'generation'", [paid.id])).toBe(1);
  });
});

describe('determinism', () => {
  async function sample(seed: number) {
    const own = await openTestDb();
    try {
      const g = createFactories(own, { seed });
      return [await g.productImages.createList(3), await g.generationJobs.completed().create(), await g.users.build()];
    } finally {
      await own.close();
    }
  }

  test('gives the same rows, ids included, for the same seed and other rows for another', async () => {
    const [a, b, c] = [await sample(42), await sample(42), await sample(43)];
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toEqual(JSON.stringify(c));
  });

  test('hands the fakers of a released run to the next run instead of building new ones', ({ db }) => {
    const asOf = new Date(Date.UTC(2026, 0, 1));
    const first = new FactoryRun(db, 1, asOf);
    const faker = first.next('users').faker;
    first.release();
    expect(new FactoryRun(db, 2, asOf).next('users').faker).toBe(faker);
    expect(new FactoryRun(db, 3, asOf).next('users').faker).not.toBe(faker);
  });

  test('gives the same rows from the fakers a released set handed on as from new ones', async ({ db }) => {
    const asOf = new Date(Date.UTC(2026, 0, 1));
    const rowsOfASet = async (seed: number) => {
      const { set, release } = createFactorySet(db, seed, asOf);
      const g = set as unknown as FactorySet;
      const rows = [await g.users.build(), await g.users.build(), await g.inventoryItems.build()];
      release();
      return rows;
    };
    const first = await rowsOfASet(5);
    // Another seed draws from the fakers the first set released, and releases them in turn.
    const other = await rowsOfASet(6);
    expect(JSON.stringify(other)).not.toEqual(JSON.stringify(first));
    expect(await rowsOfASet(5)).toEqual(first);
  });
});

describe('bad overrides', () => {
  test.for([
    [{ emial: 'x@y.z' }, 'users.emial'],
    [{ github_id: 'twelve' }, 'users.github_id'],
    [{ role: 'root' }, 'users.role'],
  ] as const)(
    'fail before the database is touched, naming the table and field (%j)',
    async ([overrides, field], { db, f }) => {
      const users = await count(db, 'users');
      const error = await f.users.create(overrides as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CutxDbError);
      expect(error).toMatchObject({ code: 'invalid_input', table: 'users' });
      expect((error as Error).message).toContain(field);
      expect((error as Error).message).toContain('seed 7');
      expect(await count(db, 'users')).toBe(users);
    },
  );

  test('print the seed on database errors too', async ({ f }) => {
    const job = await f.generationJobs.create();
    const error = await f.generationJobs
      .create({ user_id: job.user_id, idempotency_key: job.idempotency_key })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'database_error', sqlState: '23505' });
    expect((error as Error).message).toContain('seed 7');
  });
});

describe('the portable insert path', () => {
  test('works through the bare SqlClient interface (no COPY), beside another seed in one database', async ({ db }) => {
    const bare: SqlClient = { query: (sql, params) => db.query(sql, params), exec: (sql) => db.exec(sql) };
    const rows = await createFactories(bare, { seed: 99 }).adPlatformConnections.createList(3);
    expect(rows.map((row) => row.scopes)).toEqual([
      ['ads_read', 'ads_management'],
      ['ads_read', 'ads_management'],
      ['ads_read', 'ads_management'],
    ]);
    expect(rows[0]?.access_token_ciphertext).toHaveLength(48);
  });
});
