import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries } from '../../factories/index.js';
import { insertRows } from '../../factories/insert-rows.js';
import { type Insert, SIGNUP_CREDITS, tables } from '../../src/rows/index.js';
import { dbTest } from '../support/db-test.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { rolledBack } from './support/isolation.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';

// Users that can share one database: every unique column differs (emails without regard to case).
const distinctUsers = fc
  .uniqueArray(arbitraries.users, { minLength: 1, maxLength: 8, selector: (user) => user.email.toLowerCase() })
  .filter((users) =>
    (['id', 'github_id', 'stripe_customer_id'] as const).every((key) => {
      const values = users.map((user) => user[key]).filter((value) => value != null);
      return new Set(values).size === values.length;
    }),
  );

/** After any batch of signups, each user has exactly one balance of 25 and one +25 grant. */
const signupCredits: DbProperty<[Insert<'users'>[], boolean]> = async (db) =>
  fc.asyncProperty(distinctUsers, fc.boolean(), (users, oneByOne) =>
    rolledBack(db, async () => {
      if (oneByOne) for (const user of users) await insertRows(db, tables.users, [user]);
      else await insertRows(db, tables.users, users);
      const { rows } = await db.query<{ id: string; balances: number[]; grants: unknown[] }>(
        `SELECT u.id,
                array(SELECT balance FROM credit_balances b WHERE b.user_id = u.id) AS balances,
                array(SELECT jsonb_build_object('kind', kind, 'amount', amount, 'balance_after', balance_after)
                        FROM credit_transactions t WHERE t.user_id = u.id) AS grants
           FROM users u`,
      );
      const grant = { kind: 'signup_bonus', amount: SIGNUP_CREDITS, balance_after: SIGNUP_CREDITS };
      const byId = (list: { id?: string | undefined }[]) => new Map(list.map((row) => [row.id, row]));
      expect(byId(rows)).toEqual(byId(users.map(({ id }) => ({ id, balances: [SIGNUP_CREDITS], grants: [grant] }))));
    }),
  );

describe('signup credits (guarantee 1)', () => {
  dbTest(
    'gives every user of any batch, one by one or multi-row, one balance of 25 and one +25 grant',
    async ({ db }) => {
      await fc.assert(await signupCredits(db), fcOptions(30));
    },
  );

  it('reaches a batch of one and a batch of eight in its default runs', () => {
    expect(
      unreached(distinctUsers, 30, {
        'one user': (users) => users.length === 1,
        'eight users': (users) => users.length === 8,
      }),
    ).toEqual([]);
  });

  it.each([
    ['the signup trigger is dropped', 'DROP TRIGGER users_grant_signup_credits ON users'],
    [
      'the grant is recorded without moving the balance',
      'ALTER TABLE credit_transactions DISABLE TRIGGER credit_transactions_apply',
    ],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, signupCredits, 20));
});
