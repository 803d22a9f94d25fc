import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFactories, type FactorySet } from '../../factories/index.js';
import { openIsolatedTestDb, type TestDb } from '../support/test-db.js';

// A factory reads back only the columns the database may have changed (docs/library.md):
// these attack that rule where a trimmed read-back would return what was sent.
let db: TestDb;
let reset: () => Promise<void>;
let f: FactorySet;
beforeAll(async () => {
  ({ db, reset } = await openIsolatedTestDb());
  f = createFactories(db, { seed: 11 });
});
afterEach(() => reset());
afterAll(async () => {
  await db.close();
});

const readRow = async (table: string, id: string) =>
  (await db.query(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0] as Record<string, unknown>;

describe('a factory reads back what the database may have changed, not every column', () => {
  it('a value the caller wrote in a form the database normalises (upper-case uuids, a /32 mask)', async () => {
    const user = await f.users.create();
    const id = (f.inventoryItems.build({ user }).id as string).toUpperCase();
    const item = await f.inventoryItems.create({ id, user: { id: user.id.toUpperCase() } });
    expect([item.id, item.user_id]).toEqual([id.toLowerCase(), user.id]);
    expect(item).toEqual(await readRow('inventory_items', item.id));
    const token = await f.magicLinkTokens.create({ user, requested_ip: '10.0.0.1/32' });
    expect(token.requested_ip).toBe('10.0.0.1');
  });

  it('a column the caller left alone that a trigger made at run time changed', async () => {
    const rolledBack = db.transaction(async (tx) => {
      await tx.exec(`
        CREATE FUNCTION rename() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN NEW.name := 'renamed'; RETURN NEW; END $$;
        CREATE TRIGGER rename BEFORE INSERT ON inventory_items FOR EACH ROW EXECUTE FUNCTION rename();`);
      const inTx = createFactories(tx, { seed: 5 });
      const user = await inTx.users.create();
      const items = await inTx.inventoryItems.createList(2, { user });
      expect(items.map((item) => item.name)).toEqual(['renamed', 'renamed']);
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
  });
});
