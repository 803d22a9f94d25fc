import { describe, expect, it } from 'vitest';
import { metadata } from '../../src/rows/generated/metadata.js';
import { createTestDb } from '../../src/testing/create-test-db.js';
import { nonEmpty, publicTableRows } from './table-rows.js';

describe('createTestDb', () => {
  it('opens a migrated database with every table empty and no reset machinery', async () => {
    const db = await createTestDb();
    const counts = await publicTableRows(db);
    expect(Object.keys(counts).sort()).toEqual(Object.keys(metadata.tables).sort());
    expect(nonEmpty(counts)).toEqual({});
    const { rows } = await db.query(`SELECT FROM pg_namespace WHERE nspname = 'cutx_testing'`);
    expect(rows).toEqual([]);
    await db.close();
  });

  it('gives each call its own database', async () => {
    const [a, b] = await Promise.all([createTestDb(), createTestDb()]);
    await a.query(`INSERT INTO users (email) VALUES ('only-in-a@cutx.io')`);
    expect(nonEmpty(await publicTableRows(a))).toMatchObject({ users: 1 });
    expect(nonEmpty(await publicTableRows(b))).toEqual({});
    await Promise.all([a.close(), b.close()]);
  });
});
