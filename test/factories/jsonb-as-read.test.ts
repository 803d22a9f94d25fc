import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createFactories, type FactorySet } from '../../factories/index.js';
import { jsonbAsRead, NOT_PLAIN_JSON } from '../../factories/jsonb-as-read.js';
import { countQueries, type QueryCounter } from '../support/query-counter.js';
import { openIsolatedTestDb, type TestDb } from '../support/test-db.js';

let db: TestDb;
let reset: () => Promise<void>;
let f: FactorySet;
// Counts the statements that read rows back, so a test can see which path a create took.
let reads: QueryCounter<TestDb>;
beforeAll(async () => {
  ({ db, reset } = await openIsolatedTestDb());
  reads = countQueries(db, (sql) => /^SELECT/i.test(sql) && !sql.includes('pg_trigger'));
  f = createFactories(reads.client, { seed: 11 });
});
afterEach(() => reset());
afterAll(async () => {
  await db.close();
});

// Any JSON PostgreSQL accepts: strings without U+0000, keys of any characters and lengths.
const text = fc.string({ unit: 'binary' }).filter((value) => !value.includes('\u0000'));
const json = fc
  .jsonValue({ maxDepth: 3 })
  .filter((value) => !JSON.stringify(value).includes('\\u0000')) as fc.Arbitrary<z.core.util.JSONType>;
const attributes = fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 8 });

const select = async (table: string, id: string) =>
  (await db.query(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0];

describe('rows with jsonb columns', () => {
  it('come back from create exactly as a read returns them, keys in jsonb order, for any JSON, read back or not', async () => {
    const product = await f.products.create();
    await fc.assert(
      // -0 reads back as 0: those rows take the read-back path, the others are returned as built.
      fc.asyncProperty(fc.oneof(json, fc.constant(-0)), json, attributes, async (before, after, attrs) => {
        const entry = await f.adminAuditLog.create({ details: { before, after, reason: 'checked' } });
        const item = await f.products.create({ project_id: product.project_id, attributes: attrs });
        const [entryRead, itemRead] = [await select('admin_audit_log', entry.id), await select('products', item.id)];
        expect(entry).toEqual(entryRead);
        expect(item).toEqual(itemRead);
        // toEqual ignores key order; the JSON text does not.
        expect(JSON.stringify(entry.details)).toBe(JSON.stringify(entryRead?.details));
        expect(JSON.stringify(item.attributes)).toBe(JSON.stringify(itemRead?.attributes));
      }),
      { numRuns: 60 },
    );
  });

  it('are not read back when they hold plain JSON, in any key order', async () => {
    const user = await f.users.create();
    reads.count = 0;
    await f.products.createList(5, { attributes: { size: 'M', brand: 'Acme', colour: 'red', é: 1, '10': 2, b: true } });
    await f.landingPages.createList(5, { user });
    await f.generationJobs.completed().createList(5, { user });
    expect(reads.count).toBe(0);
  });
});

describe('jsonbAsRead', () => {
  it('returns the value itself when it is already as a read returns it', () => {
    const inOrder = { a: 1, bb: [true, null, 'x'], '2': { c: 0.5 } };
    expect(jsonbAsRead(inOrder)).toBe(inOrder);
  });

  it('orders keys by UTF-8 length, then bytes, in a copy, leaving the value alone', () => {
    const value = { ccc: 1, b: { zz: 1, y: 2 }, é: 3, a: 4 };
    const read = jsonbAsRead(value);
    expect(Object.keys(read as object)).toEqual(['a', 'b', 'é', 'ccc']);
    expect(Object.keys((read as { b: object }).b)).toEqual(['y', 'zz']);
    expect(Object.keys(value)).toEqual(['ccc', 'b', 'é', 'a']);
  });

  it.each([
    ['-0', -0],
    ['NaN', Number.NaN],
    ['a Date', new Date(0)],
    ['undefined in an object', { a: undefined }],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case.
    ['a hole in an array', [1, , 3]],
    ['a class instance', new Map()],
    ['U+0000 in a string', 'a\u0000b'],
    ['a lone surrogate', '\ud800'],
    ['an own __proto__ key', JSON.parse('{"__proto__": 1}')],
  ])('refuses %s (the database would change it, or refuse it)', (_, value) => {
    expect(jsonbAsRead({ value })).toBe(NOT_PLAIN_JSON);
  });
});
