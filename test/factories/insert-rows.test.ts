import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFactories, type FactorySet } from '../../factories/index.js';
import { insertRows } from '../../factories/insert-rows.js';
import { tables } from '../../src/rows/index.js';
import { countQueries } from '../support/query-counter.js';
import { engine, openIsolatedTestDb, type TestDb } from '../support/test-db.js';

let db: TestDb;
let reset: () => Promise<void>;
let f: FactorySet;
beforeAll(async () => {
  ({ db, reset } = await openIsolatedTestDb());
  f = createFactories(db, { seed: 3 });
});
afterEach(() => reset());
afterAll(async () => {
  await db.close();
});

const readRow = async (table: string, id: string) =>
  (await db.query(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0] as Record<string, unknown>;

// insertRows returns the rows as written only when the database cannot have changed them;
// each case here is a row with every column set whose stored form differs from the input.
describe('insertRows returns what a read returns', () => {
  it('when a BEFORE INSERT trigger rewrites the row (the ledger fills balance_after)', async () => {
    const user = await f.users.create();
    const row = f.creditTransactions.build({ user, kind: 'adjustment', amount: 5 });
    const [inserted] = await insertRows(db, tables.credit_transactions, [{ ...row, balance_after: 999 }]);
    expect(inserted?.balance_after).toBe(30);
    expect(inserted).toEqual(await readRow('credit_transactions', row.id as string));
  });

  it('when the database normalises a value: an upper-case uuid, a lone surrogate', async () => {
    const user = await f.users.create();
    const row = f.inventoryItems.build({ user, name: 'Lot \ud800 of cards' });
    const id = (row.id as string).toUpperCase();
    const [inserted] = await insertRows(db, tables.inventory_items, [{ ...row, id }]);
    expect(inserted?.id).toBe(id.toLowerCase());
    expect(inserted?.name).toBe('Lot \ufffd of cards');
    expect(inserted).toEqual(await readRow('inventory_items', id.toLowerCase()));
  });

  it('when the database normalises an address: a mask of /32 is not printed', async () => {
    const user = await f.users.create();
    const row = f.magicLinkTokens.build({ user, requested_ip: '10.0.0.1/32' });
    const [inserted] = await insertRows(db, tables.magic_link_tokens, [row]);
    expect(inserted?.requested_ip).toBe('10.0.0.1');
    expect(inserted).toEqual(await readRow('magic_link_tokens', row.id as string));
  });

  it('and returns rows the database keeps as they are, tabs, newlines and backslashes included', async () => {
    const user = await f.users.create();
    const row = f.inventoryItems.build({ user, name: 'Tab\tnew\nline \\N back\\slash\r' });
    const [inserted] = await insertRows(db, tables.inventory_items, [row]);
    expect(inserted).toEqual(row);
    expect(inserted).toEqual(await readRow('inventory_items', row.id as string));
  });
});

describe('a factory set with fixedTriggers', () => {
  it('reads the tables’ triggers once and still returns the rows a trigger rewrote, as read', async () => {
    const triggerReads = countQueries(db, (sql) => sql.includes('pg_trigger'));
    const fixed = createFactories(triggerReads.client, { seed: 4, fixedTriggers: true });
    const user = await fixed.users.create();
    await fixed.inventoryItems.createList(3, { user });
    const entry = await fixed.creditTransactions.create({ user, kind: 'adjustment', amount: 5, balance_after: 999 });
    expect(entry.balance_after).toBe(30);
    expect(entry).toEqual(await readRow('credit_transactions', entry.id));
    // A server's rows come back from INSERT ... RETURNING, which needs no trigger check.
    expect(triggerReads.count).toBe(engine === 'pglite' ? 1 : 0);
  });

  it('sees a trigger added before its first insert, on any table', async () => {
    // The trigger lives only in a transaction that is then rolled back.
    const rolledBack = db.transaction(async (tx) => {
      await tx.exec(`
        CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$;
        CREATE TRIGGER shout BEFORE INSERT ON inventory_items FOR EACH ROW EXECUTE FUNCTION shout();`);
      const fixed = createFactories(tx, { seed: 5, fixedTriggers: true });
      const [item] = await fixed.inventoryItems.createList(1, { name: 'quiet lot' });
      expect(item?.name).toBe('QUIET LOT');
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
  });
});
