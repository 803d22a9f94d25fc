import { describe, expect, expectTypeOf, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { type Insert, metadata, type Row, type TableName, tables } from '../../src/rows/index.js';
import { dbTest } from '../support/db-test.js';
import { engine } from '../support/test-db.js';

const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const names = Object.keys(metadata.tables) as TableName[];

describe('tables', () => {
  it('has a row and an insert schema for every table of the metadata, with every column', () => {
    expect(Object.keys(tables)).toEqual(names);
    for (const name of names) {
      const columns = Object.entries(metadata.tables[name].columns);
      // A row of the job union needs its `type` to say which variant's columns to check.
      const probe = name === 'generation_jobs' ? { type: 'tts' } : {};
      const missing = tables[name].row.safeParse(probe).error?.issues.map((issue) => issue.path[0]);
      expect(missing, name).toEqual(columns.map(([column]) => column).filter((column) => !(column in probe)));
      expect(Object.keys(tables[name].columns), name).toEqual(columns.map(([column]) => column));
    }
  });

  dbTest(`parses the rows a read returns, for every table (${engine})`, async ({ db }) => {
    const factories = createFactories(db, { seed: 7 }) as unknown as Record<string, { create(): Promise<unknown> }>;
    for (const table of names) {
      await factories[camelCase(table)]?.create();
      // Identifiers from the generated metadata, never from input.
      const { rows } = await db.query(`SELECT * FROM "${table}"`);
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) expect(tables[table].row.safeParse(row).error, table).toBeUndefined();
    }
  });

  it("enforces the CHECKs' bounds: lengths in characters, lists, integer ranges, regexes, byte lengths", () => {
    const item = { user_id: '00000000-0000-4000-8000-000000000001', category: 'toys', condition: 'new' };
    const insert = tables.inventory_items.insert;
    const ok = (name: string) => insert.safeParse({ ...item, name, cost_cents: 0, value_cents: 0 }).success;
    expect([ok('x'.repeat(300)), ok('x'.repeat(301)), ok(''), ok('🃏'.repeat(300))]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(insert.safeParse({ ...item, name: 'a', cost_cents: -1, value_cents: 0 }).success).toBe(false);
    expect(insert.safeParse({ ...item, name: 'a', cost_cents: 0, value_cents: 0, category: 'cars' }).success).toBe(
      false,
    );
    expect(insert.safeParse({ ...item, name: 'a', cost_cents: 0, value_cents: 0, currency: 'usd' }).success).toBe(
      false,
    );

    const user = tables.users.insert;
    expect(user.safeParse({ email: 'a@b.c', github_id: 1 }).success).toBe(true);
    expect(user.safeParse({ email: 'a@b.c', github_id: 0 }).success).toBe(false);
    expect(user.safeParse({ email: 'a b@c' }).success).toBe(false);
    expect(user.safeParse({ email: 'a@b.c', emial: 'x' }).success).toBe(false);
    expect(user.safeParse({ email: 'a@b.c', role: 'root' }).success).toBe(false);

    const token = (bytes: number) =>
      tables.magic_link_tokens.insert.safeParse({
        user_id: item.user_id,
        token_hash: new Uint8Array(bytes),
        expires_at: new Date(),
      }).success;
    expect([token(32), token(31)]).toEqual([true, false]);
    expect(tables.ad_spend_fees.row.shape.fee_bps.safeParse(10_000).success).toBe(true);
    expect(tables.ad_spend_fees.row.shape.fee_bps.safeParse(10_001).success).toBe(false);
  });

  it('lets an insert leave out what the database fills or accepts as NULL, and nothing else', () => {
    expect(tables.users.insert.safeParse({ email: 'a@b.c' }).success).toBe(true);
    expect(tables.users.insert.safeParse({}).success).toBe(false);
    const ledger = { user_id: '00000000-0000-4000-8000-000000000001', kind: 'purchase', amount: 5 };
    expect(tables.credit_transactions.insert.safeParse(ledger).success).toBe(true);
    expect(tables.credit_transactions.insert.safeParse({ ...ledger, amount: undefined }).success).toBe(false);
  });

  it('types rows from the metadata and the hand-written JSON shapes', () => {
    const job = { type: 'tts', input_params: { text: 'hi', voice_id: 'v', speed: 1 } } as Row<'generation_jobs'>;
    if (job.type === 'tts') expectTypeOf(job.input_params.speed).toEqualTypeOf<number>();
    expectTypeOf<Row<'users'>['role']>().toEqualTypeOf<'user' | 'admin' | 'owner'>();
    expectTypeOf<Row<'users'>['display_name']>().toEqualTypeOf<string | null>();
    expectTypeOf<Insert<'users'>['role']>().toEqualTypeOf<'user' | 'admin' | 'owner' | undefined>();
    expectTypeOf<Insert<'users'>['email']>().toEqualTypeOf<string>();
    expectTypeOf<Row<'generation_jobs'>['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row<'generation_jobs'>['credits_cost']>().toEqualTypeOf<number>();
    expectTypeOf<Row<'magic_link_tokens'>['token_hash']>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<Row<'users'>['created_at']>().toEqualTypeOf<Date>();
    expectTypeOf<Row<'landing_pages'>['content']['blocks'][number]['type']>().toEqualTypeOf<
      'hero' | 'text' | 'image' | 'cta' | 'product'
    >();

    const base = { user_id: '00000000-0000-4000-8000-000000000001', idempotency_key: 'k' };
    const insert = tables.generation_jobs.insert;
    const params = { text: 'hi', voice_id: 'v', speed: 1 };
    expect(insert.safeParse({ ...base, type: 'tts', input_params: params }).success).toBe(true);
    expect(insert.safeParse({ ...base, type: 'copy', input_params: params }).success).toBe(false);
  });
});
