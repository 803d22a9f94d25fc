import { beforeEach, describe, expect } from 'vitest';
import { SIGNUP_CREDITS } from '../../src/rows/index.js';
import { attempt } from '../properties/support/isolation.js';
import { snapshot } from '../properties/support/snapshot.js';
import { SQL_STATE } from '../support/sql-state.js';
import type { TestDb } from '../support/test-db.js';
import type { BaseRows } from './support/base-rows.js';
import { attacks, useBaseRowsDb } from './support/test-attacks.js';

// The signup grant, updated_at on the ten tables, and the append-only audit log: each
// trigger is tried by the statement it exists to answer.
const context = useBaseRowsDb();
let db: TestDb;
let base: BaseRows;
beforeEach(async () => {
  ({ db, base } = context);
  await db.exec('BEGIN');
  return () => db.exec('ROLLBACK');
});

describe('signup credits (guarantee 1)', () => {
  attacks('users_grant_signup_credits', 'each user of a multi-row insert gets one balance and one grant', async () => {
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO users (email) VALUES ('s1@cutx.test'), ('s2@cutx.test') RETURNING id",
    );
    const ids = rows.map((row) => row.id);
    const balances = await db.query('SELECT balance FROM credit_balances WHERE user_id = ANY($1::uuid[])', [ids]);
    const grants = await db.query(
      'SELECT kind, amount, balance_after FROM credit_transactions WHERE user_id = ANY($1::uuid[])',
      [ids],
    );
    expect(balances.rows).toEqual(ids.map(() => ({ balance: SIGNUP_CREDITS })));
    expect(grants.rows).toEqual(
      ids.map(() => ({ kind: 'signup_bonus', amount: SIGNUP_CREDITS, balance_after: SIGNUP_CREDITS })),
    );
  });
});

/**
 * An UPDATE that tries to move updated_at back to 2000 and rewrite created_at: the row keeps
 * its created_at and its updated_at moves forward (guarantee 3).
 */
function attackUpdatedAt(rule: string, table: string): void {
  attacks(rule, `${table}: updated_at moves forward and created_at stays`, async () => {
    const id =
      table === 'credit_balances'
        ? (await db.query<{ id: string }>('SELECT id FROM credit_balances LIMIT 1')).rows[0]?.id
        : base.rows[table]?.id;
    const read = async () =>
      (
        await db.query<{ created: string; updated: string }>(
          `SELECT created_at::text AS created, updated_at::text AS updated FROM ${table} WHERE id = $1`,
          [id],
        )
      ).rows[0];
    const before = await read();
    await db.query(`UPDATE ${table} SET created_at = '2000-01-01', updated_at = '2000-01-01' WHERE id = $1`, [id]);
    const after = await read();
    expect(after?.created).toBe(before?.created);
    const moved = await db.query<{ forward: boolean }>('SELECT $1::timestamptz > $2::timestamptz AS forward', [
      after?.updated,
      before?.updated,
    ]);
    expect(moved.rows).toEqual([{ forward: true }]);
  });
}

describe('updated_at (guarantee 3)', () => {
  attackUpdatedAt('users_updated_at', 'users');
  attackUpdatedAt('credit_balances_updated_at', 'credit_balances');
  attackUpdatedAt('generation_jobs_updated_at', 'generation_jobs');
  attackUpdatedAt('products_updated_at', 'products');
  attackUpdatedAt('campaigns_updated_at', 'campaigns');
  attackUpdatedAt('ad_platform_connections_updated_at', 'ad_platform_connections');
  attackUpdatedAt('landing_pages_updated_at', 'landing_pages');
  attackUpdatedAt('inventory_items_updated_at', 'inventory_items');
  attackUpdatedAt('shows_updated_at', 'shows');
  attackUpdatedAt('subscriptions_updated_at', 'subscriptions');
});

describe('the audit log is append-only (guarantee 10)', () => {
  const entry = () => base.rows.admin_audit_log?.id;
  const REFUSED = { code: SQL_STATE.insufficientPrivilege };

  attacks('admin_audit_log_append_only', 'refuses UPDATE of any column and DELETE, and keeps the entry', async () => {
    const before = await snapshot(db);
    for (const sql of [
      "UPDATE admin_audit_log SET action = 'user.ban' WHERE id = $1",
      'UPDATE admin_audit_log SET actor_id = NULL WHERE id = $1',
      'UPDATE admin_audit_log SET details = details WHERE id = $1',
      'DELETE FROM admin_audit_log WHERE id = $1',
    ]) {
      expect(await attempt(db, sql, [entry()]), sql).toEqual(REFUSED);
    }
    expect(await snapshot(db)).toEqual(before);
  });

  attacks('admin_audit_log_append_only', "lets the actor's deletion null actor_id and nothing else", async () => {
    const before = (await db.query('SELECT * FROM admin_audit_log WHERE id = $1', [entry()])).rows[0];
    await db.query('DELETE FROM users WHERE id = $1', [base.rows.users?.id]);
    const after = (await db.query('SELECT * FROM admin_audit_log WHERE id = $1', [entry()])).rows[0];
    expect(after).toEqual({ ...before, actor_id: null });
  });

  attacks('admin_audit_log_no_truncate', 'refuses TRUNCATE, which skips row triggers', async () => {
    const before = await snapshot(db);
    expect(await attempt(db, 'TRUNCATE admin_audit_log')).toEqual(REFUSED);
    expect(await snapshot(db)).toEqual(before);
  });
});
