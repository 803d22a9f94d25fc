import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { attempt } from '../properties/support/isolation.js';
import { fromTemporaryTrigger } from '../security/guard-attacks.js';
import { SQL_STATE } from '../support/sql-state.js';
import { openTestDb, type TestDb } from '../support/test-db.js';
import { attacks } from './support/test-attacks.js';

// credit_balances_matches_ledger (schema/0010) checks at commit that each balance written in
// the transaction equals its user's ledger sum. These cases run in a transaction that is
// rolled back, so SET CONSTRAINTS ... IMMEDIATE fires the pending checks on the spot, as a
// COMMIT would.
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await db.exec("INSERT INTO users (email) VALUES ('ledger@cutx.test')");
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('BEGIN');
  return () => db.exec('ROLLBACK');
});

/** Runs each statement nested in the client's own one (a trigger on a temporary table). */
async function nested(...statements: string[]): Promise<void> {
  for (const sql of fromTemporaryTrigger(statements.join('; '))) await db.exec(sql);
}

const check = () => attempt(db, 'SET CONSTRAINTS credit_balances_matches_ledger IMMEDIATE');
const REFUSED = { code: SQL_STATE.checkViolation, constraint: 'credit_balances_matches_ledger' };

describe('a balance equals its ledger at commit', () => {
  attacks('credit_balances_matches_ledger', 'refuses a balance one above or below its ledger', async () => {
    await nested('UPDATE credit_balances SET balance = balance + 1');
    expect(await check()).toEqual(REFUSED);
    await db.exec('ROLLBACK; BEGIN');
    await nested('UPDATE credit_balances SET balance = balance - 1');
    expect(await check()).toEqual(REFUSED);
  });

  attacks('credit_balances_matches_ledger', 'passes what the ledger moved, or a write that ends equal', async () => {
    await db.exec("INSERT INTO credit_transactions (user_id, kind, amount) SELECT id, 'purchase', 1 FROM users");
    expect(await check()).toBeUndefined();
    await db.exec('SET CONSTRAINTS credit_balances_matches_ledger DEFERRED');
    await nested(
      'UPDATE credit_balances SET balance = balance + 1',
      'UPDATE credit_balances SET balance = balance - 1',
    );
    expect(await check()).toBeUndefined();
  });
});
