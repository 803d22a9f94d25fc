import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadata } from '../../src/rows/generated/metadata.js';
import { SIGNUP_CREDITS } from '../../src/rows/signup-credits.js';
import { createIsolatedDb, type IsolatedDb } from '../../src/testing/index.js';
import { VACUUM_EVERY } from '../../src/testing/isolated-db.js';
import { nonEmpty, publicTableRows } from './table-rows.js';

let isolated: IsolatedDb;
beforeAll(async () => {
  isolated = await createIsolatedDb();
});
afterAll(() => isolated.db.close());

/** Writes, and commits, rows in six tables: three directly, three through triggers. */
async function writeATypicalTest(): Promise<void> {
  await isolated.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO users (email, role) VALUES ('admin@cutx.io', 'admin') RETURNING id`,
    );
    const userId = rows[0]?.id;
    await tx.query(
      `INSERT INTO generation_jobs (user_id, type, idempotency_key, credits_cost) VALUES ($1, 'copy', 'k1', 5)`,
      [userId],
    );
    await tx.query(`INSERT INTO projects (user_id, name) VALUES ($1, 'Spring drop')`, [userId]);
    await tx.query(
      `INSERT INTO admin_audit_log (actor_id, actor_email, action) VALUES ($1, 'admin@cutx.io', 'user.ban')`,
      [userId],
    );
  });
}

describe('createIsolatedDb', () => {
  it('starts with every public table empty and recorded by the reset machinery', async () => {
    const counts = await publicTableRows(isolated.db);
    expect(Object.keys(counts).sort()).toEqual(Object.keys(metadata.tables).sort());
    expect(nonEmpty(counts)).toEqual({});
    const { rows } = await isolated.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname = 'cutx_testing_touch' AND c.relnamespace = 'public'::regnamespace`,
    );
    expect(rows[0]?.n).toBe(Object.keys(metadata.tables).length);
  });
});

describe('IsolatedDb.reset', () => {
  it('empties every table a committed test wrote, including rows made by triggers and the audit log', async () => {
    await writeATypicalTest();
    expect(nonEmpty(await publicTableRows(isolated.db))).toEqual({
      admin_audit_log: 1,
      credit_balances: 1,
      credit_transactions: 2,
      generation_jobs: 1,
      projects: 1,
      users: 1,
    });

    await isolated.reset();

    expect(nonEmpty(await publicTableRows(isolated.db))).toEqual({});
  });

  it('leaves the signup trigger working: a new user gets 25 credits', async () => {
    await writeATypicalTest();
    await isolated.reset();

    await isolated.db.query(`INSERT INTO users (email) VALUES ('new@cutx.io')`);
    const { rows } = await isolated.db.query<{ balance: number }>('SELECT balance FROM credit_balances');
    expect(rows).toEqual([{ balance: SIGNUP_CREDITS }]);
    await isolated.reset();
  });

  it('leaves the guards refusing direct writes, even when the test turned triggers off', async () => {
    await writeATypicalTest();
    await isolated.db.exec('SET session_replication_role = replica');
    await isolated.reset();

    const { rows } = await isolated.db.query<{ session_replication_role: string }>('SHOW session_replication_role');
    expect(rows).toEqual([{ session_replication_role: 'origin' }]);
    await isolated.db.query(`INSERT INTO users (email) VALUES ('guarded@cutx.io')`);
    await expect(isolated.db.query('UPDATE credit_balances SET balance = 1000')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(
      isolated.db.query(`INSERT INTO admin_audit_log (actor_email, action) VALUES ('a@cutx.io', 'user.ban')`),
    ).resolves.toBeDefined();
    await expect(isolated.db.query('DELETE FROM admin_audit_log')).rejects.toMatchObject({ code: '42501' });
    await expect(isolated.db.query('TRUNCATE admin_audit_log')).rejects.toMatchObject({ code: '42501' });
    await isolated.reset();
  });

  it('ends a transaction the test left open and aborted, and empties what it committed before', async () => {
    await writeATypicalTest();
    await isolated.db.exec('BEGIN');
    await isolated.db.query(`INSERT INTO users (email) VALUES ('in-flight@cutx.io')`);
    await expect(isolated.db.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    expect(isolated.db.isInTransaction()).toBe(true);

    await isolated.reset();

    expect(isolated.db.isInTransaction()).toBe(false);
    expect(nonEmpty(await publicTableRows(isolated.db))).toEqual({});
    await isolated.db.query(`INSERT INTO users (email) VALUES ('after@cutx.io')`);
    await isolated.reset();
  });

  it('has nothing to delete after a test that wrote nothing or rolled back', async () => {
    await isolated.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO users (email) VALUES ('rolled-back@cutx.io')`);
      await tx.rollback();
    });
    const { rows } = await isolated.db.query('SELECT relid FROM cutx_testing.touched');
    expect(rows).toEqual([]);

    await isolated.reset();

    expect(nonEmpty(await publicTableRows(isolated.db))).toEqual({});
  });
});

// PGlite runs no autovacuum: without one of its own, a reset leaves the space of the rows it
// deletes unused, and the tables it scans grow with every test.
describe('IsolatedDb.reset, test after test', () => {
  const pages = async (db: IsolatedDb['db']) =>
    (
      await db.query<{ relname: string; pages: number }>(
        `SELECT relname, (pg_relation_size(oid) / current_setting('block_size')::int)::int AS pages
           FROM pg_class WHERE oid IN ('users'::regclass, 'credit_transactions'::regclass, 'cutx_testing.touched'::regclass)
          ORDER BY relname`,
      )
    ).rows;

  it('keeps the tables it empties from growing: many more tests leave them no larger', async () => {
    const { db, reset } = await createIsolatedDb();
    try {
      // Each test: 20 users, and by trigger their balances and signup grants.
      const aTest = async () => {
        await db.query(`INSERT INTO users (email) SELECT 'u' || n || '@cutx.io' FROM generate_series(1, 20) AS n`);
        await reset();
      };
      for (let n = 0; n < VACUUM_EVERY; n++) await aTest();
      const early = await pages(db);
      for (let n = 0; n < 4 * VACUUM_EVERY; n++) await aTest();
      const late = await pages(db);

      expect(late.map((table) => table.relname)).toEqual(['credit_transactions', 'touched', 'users']);
      for (const [i, table] of late.entries()) expect(table.pages).toBeLessThanOrEqual(early[i]?.pages as number);
      expect(nonEmpty(await publicTableRows(db))).toEqual({});
    } finally {
      await db.close();
    }
  });
});
