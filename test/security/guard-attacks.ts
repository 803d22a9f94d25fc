import { expect } from 'vitest';
import type { SqlClient } from '../../src/db/sql-client.js';
import { SIGNUP_CREDITS } from '../../src/rows/index.js';
import { SQL_STATE } from '../support/sql-state.js';

/**
 * One way a client that may read and write rows (and create temporary objects) tries to get
 * around the ledger and audit guards of schema/0010. Its statements run in order, each on
 * its own (autocommit), on one connection; the first refused one ends the attack.
 */
export interface GuardAttack {
  name: string;
  statements: string[];
  /** The SQLSTATEs a refusal may carry: the guards', a grant's, or the overdraft CHECK's. */
  refusedWith: string[];
  /** True for the holes schema 0001-0009 left open (the others it already refused). */
  openBefore0010: boolean;
}

const CUSTOMER = "(SELECT id FROM public.users WHERE email = 'customer@cutx.test')";

/**
 * Runs `body` nested inside the client's own statement, as the issue describes: from an
 * AFTER INSERT trigger on a temporary table, whose function lives in pg_temp.
 */
export const fromTemporaryTrigger = (body: string): string[] => [
  'CREATE TEMP TABLE tripwire (x int)',
  `CREATE FUNCTION pg_temp.payload() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body}; RETURN NULL; END $$`,
  'CREATE TRIGGER payload AFTER INSERT ON tripwire FOR EACH ROW EXECUTE FUNCTION pg_temp.payload()',
  'INSERT INTO tripwire VALUES (1)',
];

const { insufficientPrivilege, checkViolation } = SQL_STATE;

export const guardAttacks: GuardAttack[] = [
  {
    name: 'a temporary trigger sets every balance to 1,000,000',
    statements: fromTemporaryTrigger('UPDATE credit_balances SET balance = 1000000'),
    refusedWith: [checkViolation],
    openBefore0010: true,
  },
  {
    name: 'a temporary trigger deletes the ledger debits',
    statements: fromTemporaryTrigger('DELETE FROM credit_transactions WHERE amount < 0'),
    refusedWith: [insufficientPrivilege],
    openBefore0010: true,
  },
  {
    name: 'a temporary trigger nulls actor_id on every audit entry',
    statements: fromTemporaryTrigger('UPDATE admin_audit_log SET actor_id = NULL'),
    refusedWith: [insufficientPrivilege],
    openBefore0010: true,
  },
  {
    name: 'a temporary trigger nulls the job a debit paid for',
    statements: fromTemporaryTrigger('UPDATE credit_transactions SET job_id = NULL'),
    refusedWith: [insufficientPrivilege],
    openBefore0010: true,
  },
  {
    name: 'a temporary trigger deletes the balances',
    statements: fromTemporaryTrigger('DELETE FROM credit_balances'),
    refusedWith: [insufficientPrivilege],
    openBefore0010: true,
  },
  {
    // Without a pinned search_path the ledger trigger's UPDATE would find the temporary table
    // first: the debit would be recorded and the real balance left as it was.
    name: 'a temporary credit_balances table takes the ledger trigger’s update of a debit',
    statements: [
      'CREATE TEMP TABLE credit_balances (user_id uuid, balance integer, updated_at timestamptz)',
      `INSERT INTO pg_temp.credit_balances VALUES (${CUSTOMER}, 1000000, now())`,
      `INSERT INTO credit_transactions (user_id, kind, amount) VALUES (${CUSTOMER}, 'generation', -500)`,
    ],
    refusedWith: [checkViolation],
    openBefore0010: true,
  },
  {
    // As a superuser the trigger attaches, and the commit check refuses the balance it moved;
    // a role without EXECUTE on the function cannot attach it at all.
    name: 'the ledger trigger attached to a temporary table moves a balance with no ledger row',
    statements: [
      'CREATE TEMP TABLE fake_ledger (id uuid, user_id uuid, amount integer, balance_after integer, created_at timestamptz)',
      'CREATE TRIGGER apply BEFORE INSERT ON fake_ledger FOR EACH ROW EXECUTE FUNCTION public.credit_transactions_apply()',
      `INSERT INTO fake_ledger VALUES (NULL, ${CUSTOMER}, 1000000, 0, now())`,
    ],
    refusedWith: [insufficientPrivilege, checkViolation],
    openBefore0010: true,
  },
  {
    // Immediate only fires the commit check early: at the end of the nested UPDATE.
    name: 'the commit check is made immediate before a temporary trigger sets a balance',
    statements: [
      'BEGIN',
      'SET CONSTRAINTS ALL IMMEDIATE',
      ...fromTemporaryTrigger('UPDATE credit_balances SET balance = 1000000'),
      'COMMIT',
    ],
    refusedWith: [checkViolation],
    openBefore0010: true,
  },
  {
    // The guards look their users up; a temporary users table must not hide them.
    name: 'an empty temporary users table makes every user look deleted',
    statements: ['CREATE TEMP TABLE users (id uuid)', 'DELETE FROM credit_transactions'],
    refusedWith: [insufficientPrivilege],
    openBefore0010: false,
  },
  {
    name: 'a direct UPDATE sets a balance',
    statements: ['UPDATE credit_balances SET balance = 1000000'],
    refusedWith: [insufficientPrivilege],
    openBefore0010: false,
  },
  {
    name: 'a direct DELETE removes ledger debits',
    statements: ['DELETE FROM credit_transactions WHERE amount < 0'],
    refusedWith: [insufficientPrivilege],
    openBefore0010: false,
  },
  {
    name: 'a direct UPDATE rewrites a ledger amount',
    statements: ['UPDATE credit_transactions SET amount = 1 WHERE amount < 0'],
    refusedWith: [insufficientPrivilege],
    openBefore0010: false,
  },
  {
    name: 'a direct UPDATE nulls audit actors',
    statements: ['UPDATE admin_audit_log SET actor_id = NULL'],
    refusedWith: [insufficientPrivilege],
    openBefore0010: false,
  },
];

/**
 * The victims, made by the legitimate paths only: an admin and a customer (their signup
 * credits each), a job that cost the customer 3, a debit of 5, and an audit entry by the
 * admin. Run as whichever role the test is about.
 */
export const INSERT_VICTIMS = `
INSERT INTO users (email, role) VALUES ('admin@cutx.test', 'admin'), ('customer@cutx.test', 'user');
INSERT INTO generation_jobs (user_id, type, idempotency_key, credits_cost) VALUES (${CUSTOMER}, 'copy', 'paid', 3);
INSERT INTO credit_transactions (user_id, kind, amount) VALUES (${CUSTOMER}, 'generation', -5);
INSERT INTO admin_audit_log (actor_id, actor_email, action, target_type, target_id)
  SELECT id, email, 'credits.grant', 'user', ${CUSTOMER} FROM users WHERE email = 'admin@cutx.test';`;

/**
 * Runs an attack and returns the error that refused it (undefined if nothing did), then
 * drops what it created: the session is as before, temporary objects included.
 */
export async function runAttack(client: SqlClient, attack: GuardAttack): Promise<unknown> {
  try {
    for (const sql of attack.statements) await client.exec(sql);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    // ROLLBACK ends an attack refused inside its own transaction (a warning otherwise).
    await client.exec('ROLLBACK');
    await client.exec('DISCARD TEMP');
  }
}

/**
 * Everything the guards protect, as rows, and how many balances differ from their ledger's
 * sum. Names are schema-qualified, so no temporary table can stand in for them.
 */
export async function guardedRows(client: SqlClient): Promise<Record<string, unknown>> {
  const { rows } = await client.query(`
    SELECT (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.id) FROM public.credit_balances t) AS balances,
           (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.id) FROM public.credit_transactions t) AS ledger,
           (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.id) FROM public.admin_audit_log t) AS audit,
           (SELECT count(*)::int FROM public.credit_balances b
             WHERE b.balance <> (SELECT coalesce(sum(t.amount), 0) FROM public.credit_transactions t
                                  WHERE t.user_id = b.user_id)) AS balances_off_ledger`);
  return rows[0] ?? {};
}

/**
 * Expects what guardedRows reads right after INSERT_VICTIMS, so no attack is tried on an
 * empty table: the signup balance and one 8 below it, four ledger rows, an audit entry with
 * its actor.
 */
export function expectVictims(rows: Record<string, unknown>): void {
  expect(rows.balances_off_ledger).toBe(0);
  const balances = (rows.balances as { balance: number }[]).map((row) => row.balance);
  expect(balances.sort((a, b) => a - b)).toEqual([SIGNUP_CREDITS - 8, SIGNUP_CREDITS]);
  expect(rows.ledger).toHaveLength(4);
  expect(rows.audit).toContainEqual(expect.objectContaining({ actor_id: expect.any(String) }));
}
