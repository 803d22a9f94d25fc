import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFactories, type FactorySet } from '../../factories/index.js';
import { insertRows } from '../../factories/insert-rows.js';
import type { CutxDbError } from '../../src/db/errors.js';
import { tables } from '../../src/rows/index.js';
import { openIsolatedTestDb, type TestDb } from '../support/test-db.js';

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

// Each case is a row with every column set whose stored form differs from the input.
describe('insertRows returns what a read returns', () => {
  it('when a BEFORE INSERT trigger rewrites the row (the ledger fills balance_after)', async () => {
    const user = await f.users.create();
    const row = f.creditTransactions.build({ user, kind: 'adjustment', amount: 5 });
    const [inserted] = await insertRows(db, tables.credit_transactions, [{ ...row, balance_after: 999 }]);
    expect(inserted?.balance_after).toBe(30);
    expect(inserted).toEqual(await readRow('credit_transactions', row.id as string));
  });

  it('when the database normalises a value: an upper-case uuid', async () => {
    const user = await f.users.create();
    const row = f.inventoryItems.build({ user });
    const id = (row.id as string).toUpperCase();
    const [inserted] = await insertRows(db, tables.inventory_items, [{ ...row, id }]);
    expect(inserted?.id).toBe(id.toLowerCase());
    expect(inserted).toEqual(await readRow('inventory_items', id.toLowerCase()));
  });

  it('and refuses text that is not well-formed Unicode (a lone surrogate) rather than change it', async () => {
    const user = await f.users.create();
    const row = f.inventoryItems.build({ user, name: 'Lot \ud800 of cards' });
    const error = await insertRows(db, tables.inventory_items, [row]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'database_error', sqlState: '22P02' });
    expect((error as CutxDbError).detail).toMatch(/surrogate/);
    expect(await readRow('inventory_items', row.id as string)).toBeUndefined();
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

describe('createList returns what the database stored', () => {
  it('including what a trigger added in the same transaction changed', async () => {
    // The trigger lives only in a transaction that is then rolled back.
    const rolledBack = db.transaction(async (tx) => {
      await tx.exec(`
        CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$;
        CREATE TRIGGER shout BEFORE INSERT ON inventory_items FOR EACH ROW EXECUTE FUNCTION shout();`);
      const inTx = createFactories(tx, { seed: 5 });
      const [item] = await inTx.inventoryItems.createList(1, { name: 'quiet lot' });
      expect(item?.name).toBe('QUIET LOT');
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
  });
});
