import { describe, expect } from 'vitest';
import { createFactories, MAX_LIST_COUNT } from '../../factories/index.js';
import { checkListCount } from '../../factories/list-count.js';
import { countRows } from '../../seeds/table-order.js';
import { CutxDbError } from '../../src/db/errors.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { tables } from '../../src/rows/index.js';
import { factoriesTest } from '../support/db-test.js';

const test = factoriesTest(11);

/** Every table's row count: what a failed call must leave as it found it. */
const everyCount = (client: SqlClient) => countRows(client);

/** The error `call` fails with, after checking that no table on `client` gained or lost a row. */
async function failsWritingNothing(client: SqlClient, call: () => Promise<unknown>): Promise<CutxDbError> {
  const before = await everyCount(client);
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CutxDbError);
  expect(await everyCount(client)).toEqual(before);
  return error as CutxDbError;
}

describe('a create is all or nothing', () => {
  test('leaves no parent behind when the database refuses the row (an impossible date)', async ({ db, f }) => {
    // The date passes the row schema's pattern; only the database knows February has no 30th.
    const error = await failsWritingNothing(db, () => f.campaignAnalytics.create({ date: '2024-02-30' }));
    expect(error).toMatchObject({ code: 'database_error', sqlState: '22008' });
    expect(error.message).toContain('seed 11');
  });

  test('leaves no row or parent of a list behind when one row is refused (a duplicate key)', async ({ db, f }) => {
    const job = await f.generationJobs.create();
    // The first row's user is created before the insert that the second row's key fails.
    const error = await failsWritingNothing(db, () =>
      f.generationJobs.createEach([{}, { user_id: job.user_id, idempotency_key: job.idempotency_key }]),
    );
    expect(error).toMatchObject({ code: 'database_error', sqlState: '23505' });
  });

  test('undoes only its own work inside a caller’s transaction, which stays usable', async ({ db }) => {
    await db.transaction(async (tx) => {
      const inTx = createFactories(tx, { seed: 12 });
      const kept = await inTx.users.create();
      await failsWritingNothing(tx, () => inTx.campaignAnalytics.create({ date: '2024-02-30' }));
      expect((await tx.query('SELECT id FROM users WHERE id = $1', [kept.id])).rows).toHaveLength(1);
      await inTx.projects.create({ user: kept });
    });
    expect((await everyCount(db)).projects).toBe(1);
  });

  test('also through a bare client outside any transaction', async ({ db }) => {
    const bare: SqlClient = { query: (sql, params) => db.query(sql, params), exec: (sql) => db.exec(sql) };
    const g = createFactories(bare, { seed: 13 });
    await failsWritingNothing(db, () => g.campaignAnalytics.create({ date: '2024-02-30' }));
    expect((await g.campaignAnalytics.createList(2)).map((row) => row.campaign_id)).toHaveLength(2);
  });
});

describe('the transaction a create runs in', () => {
  /** A client on `db` that records each statement it is sent. */
  const recording = (db: SqlClient, inTransaction: boolean) => {
    const sent: string[] = [];
    const client: SqlClient = {
      query: (sql, params) => {
        sent.push(sql);
        return db.query(sql, params);
      },
      exec: (sql) => {
        sent.push(sql);
        return db.exec(sql);
      },
      isInTransaction: () => inTransaction,
    };
    return { client, sent };
  };

  test('is its own BEGIN/COMMIT outside a transaction, with no SAVEPOINT tried first', async ({ db }) => {
    const { client, sent } = recording(db, false);
    await createFactories(client, { seed: 14 }).projects.create();
    expect(sent[0]).toBe('BEGIN');
    expect(sent.at(-1)).toBe('COMMIT');
    expect(sent.filter((sql) => sql.includes('SAVEPOINT'))).toEqual([]);
  });

  test('is a savepoint inside the caller’s transaction, which it neither commits nor ends', async ({ db }) => {
    await db.exec('BEGIN');
    try {
      const { client, sent } = recording(db, true);
      await createFactories(client, { seed: 15 }).projects.create();
      expect(sent[0]).toBe('SAVEPOINT cutx_factory');
      expect(sent.at(-1)).toBe('RELEASE SAVEPOINT cutx_factory');
      expect(sent).not.toContain('COMMIT');
    } finally {
      await db.exec('ROLLBACK');
    }
    expect((await everyCount(db)).projects).toBe(0);
  });
});

describe('JSONB keys the typed shape does not name', () => {
  test('are kept, in the database and in the row returned', async ({ db, f }) => {
    const entry = await f.adminAuditLog.create({ details: { reason: 'spam', note: 'hello' } as never });
    expect(entry.details).toEqual({ reason: 'spam', note: 'hello' });
    const { rows } = await db.query<{ details: unknown }>('SELECT details FROM admin_audit_log WHERE id = $1', [
      entry.id,
    ]);
    expect(rows[0]?.details).toEqual({ reason: 'spam', note: 'hello' });
    expect(tables.admin_audit_log.row.parse(entry).details).toEqual({ reason: 'spam', note: 'hello' });
  });

  test('while a key the shape names is still checked', async ({ db, f }) => {
    const error = await failsWritingNothing(db, () => f.adminAuditLog.create({ details: { amount: 'ten' } as never }));
    expect(error).toMatchObject({ code: 'invalid_input', table: 'admin_audit_log' });
    expect(error.message).toContain('admin_audit_log.details.amount');
  });
});

describe('own "__proto__" and "constructor" keys', () => {
  test('in an overrides object are refused by name, and no owner is made', async ({ db, f }) => {
    const hostile = JSON.parse('{"__proto__": {"role": "owner"}}');
    const error = await failsWritingNothing(db, () => f.users.create(hostile));
    expect(error).toMatchObject({ code: 'invalid_input', table: 'users' });
    expect(error.message).toContain('users.__proto__');
    expect(() => f.users.build(hostile)).toThrow('users.__proto__');
    const byConstructor = await failsWritingNothing(db, () =>
      f.users.create(JSON.parse('{"constructor": {"role": "owner"}}')),
    );
    expect(byConstructor.message).toContain('users.constructor');
  });

  test('inside a JSONB value are refused by name rather than dropped', async ({ db, f }) => {
    const details = JSON.parse('{"reason": "r", "before": {"__proto__": {"role": "owner"}}}');
    const error = await failsWritingNothing(db, () => f.adminAuditLog.create({ details }));
    expect(error.message).toContain('admin_audit_log.details.before.__proto__');
  });

  test('while ordinary own keys of the same objects are taken', async ({ f }) => {
    const user = await f.users.create(JSON.parse('{"role": "admin"}'));
    expect(user.role).toBe('admin');
  });
});

describe('counts', () => {
  test.for([-1, Number.NaN, 2.5, Number.POSITIVE_INFINITY, '3'])(
    'createList(%s) is refused, writing nothing',
    async (count, { db, f }) => {
      const error = await failsWritingNothing(db, () => f.inventoryItems.createList(count as number));
      expect(error).toMatchObject({ code: 'invalid_input', table: 'inventory_items' });
      expect(error.message).toContain(`inventory_items.createList(${String(count)})`);
      expect(error.message).toContain('whole number, 0 or more');
      expect(() => f.inventoryItems.buildList(count as number)).toThrow('whole number, 0 or more');
    },
  );

  test.for([1e9, MAX_LIST_COUNT + 1])(
    'createList(%s) is refused above the ceiling at once, writing nothing',
    async (count, { db, f }) => {
      const error = await failsWritingNothing(db, () => f.inventoryItems.createList(count));
      expect(error).toMatchObject({ code: 'invalid_input', table: 'inventory_items' });
      expect(error.message).toContain(`at most ${MAX_LIST_COUNT} rows per call`);
      expect(() => f.inventoryItems.buildList(count)).toThrow('MAX_LIST_COUNT');
    },
  );

  test('takes a count of exactly the ceiling', () => {
    expect(checkListCount('users', 'createList', MAX_LIST_COUNT, 1)).toBe(MAX_LIST_COUNT);
    expect(() => checkListCount('users', 'createList', MAX_LIST_COUNT + 1, 1)).toThrow(CutxDbError);
  });

  test('createList(0) makes nothing, not even a parent', async ({ db, f }) => {
    const before = await everyCount(db);
    expect(await f.inventoryItems.createList(0)).toEqual([]);
    expect(await everyCount(db)).toEqual(before);
  });
});
