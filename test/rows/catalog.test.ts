import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { diffCatalog, type Insert, type Row, tables } from '../../src/rows/index.js';
import { openTestDb, type TestDb } from '../support/test-db.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db.close();
});

describe('diffCatalog', () => {
  it('finds every table of the migrated schema described, with the same columns, types and nullability', async () => {
    expect(Object.keys(tables)).toHaveLength(23);
    expect(await diffCatalog(db)).toEqual([]);
  });

  it('reports a column changed in SQL alone', async () => {
    await db.exec('BEGIN');
    try {
      await db.exec('ALTER TABLE projects ALTER COLUMN description SET NOT NULL');
      await db.exec('ALTER TABLE inventory_items ALTER COLUMN quantity TYPE bigint');
      await db.exec('ALTER TABLE shows ADD COLUMN venue text');
      expect(await diffCatalog(db)).toEqual([
        'projects.description: described nullable, database disagrees',
        'projects.description: row schema accepts null',
        'projects.description: insert schema lets out a column the database requires',
        'inventory_items.quantity: type integer, database has bigint',
        'shows.venue: in the database but not described',
      ]);
    } finally {
      await db.exec('ROLLBACK');
    }
    expect(await diffCatalog(db)).toEqual([]);
  });
});

describe('row schemas', () => {
  it('type generation_jobs.input_params by the job type', () => {
    const job = { type: 'tts', input_params: { text: 'hi', voice_id: 'v', speed: 1 } } as Row<'generation_jobs'>;
    if (job.type === 'tts') expectTypeOf(job.input_params.speed).toEqualTypeOf<number>();
    expectTypeOf<Row<'users'>['role']>().toEqualTypeOf<'user' | 'admin' | 'owner'>();
    expectTypeOf<Insert<'users'>['role']>().toEqualTypeOf<'user' | 'admin' | 'owner' | undefined>();
    expectTypeOf<Row<'campaign_analytics'>['impressions']>().toEqualTypeOf<number>();
    expectTypeOf<Row<'generation_jobs'>['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row<'generation_jobs'>['credits_cost']>().toEqualTypeOf<number>();

    const base = { user_id: '00000000-0000-4000-8000-000000000001', idempotency_key: 'k' };
    const insert = tables.generation_jobs.insert;
    expect(
      insert.safeParse({ ...base, type: 'tts', input_params: { text: 'hi', voice_id: 'v', speed: 1 } }).success,
    ).toBe(true);
    expect(
      insert.safeParse({ ...base, type: 'copy', input_params: { text: 'hi', voice_id: 'v', speed: 1 } }).success,
    ).toBe(false);
  });

  it('parse rows as the database returns them (bigint, date, bytea, jsonb)', async () => {
    const { rows } = await db.query(
      `SELECT gen_random_uuid() AS id, gen_random_uuid() AS campaign_id, DATE '2025-03-04' AS date,
              10::bigint AS impressions, 5::bigint AS clicks, 1::bigint AS conversions, 0::bigint AS spend_cents,
              '12'::text AS revenue_cents, 'USD'::currency_code AS currency, now() AS created_at`,
    );
    const row = tables.campaign_analytics.row.parse(rows[0]);
    expect(row.date).toBe('2025-03-04');
    expect(row.revenue_cents).toBe(12);
  });

  it('refuse unknown fields and values outside a vocabulary on insert', () => {
    expect(tables.users.insert.safeParse({ email: 'a@b.c', emial: 'x' }).success).toBe(false);
    expect(tables.users.insert.safeParse({ email: 'a@b.c', role: 'root' }).success).toBe(false);
    expect(tables.users.insert.safeParse({ email: 'a@b.c' }).success).toBe(true);
  });
});
