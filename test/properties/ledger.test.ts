import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNUP_CREDITS } from '../../src/rows/index.js';
import { dbTest } from '../support/db-test.js';
import { SQL_STATE } from '../support/sql-state.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { attempt, rolledBack } from './support/isolation.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';

interface ModelUser {
  id: string;
  balance: number;
  movements: number;
  jobs: number;
}

/** What the ledger should hold, kept beside the database by the commands. */
interface Model {
  users: ModelUser[];
  jobs: { id: string; user: ModelUser; refunded: boolean }[];
  serial: number;
}

type Command = fc.AsyncCommand<Model, TestDb>;

const OVERDRAFT = { code: SQL_STATE.checkViolation, constraint: 'credit_balances_balance_nonnegative' };

// Commands name users and jobs by position among the live ones, so a shrunk sequence still
// points at something; `pick % length` keeps every drawn index valid.
const nth = <T>(list: T[], pick: number): T => list[pick % list.length] as T;

class SignUp implements Command {
  check = () => true;
  async run(model: Model, db: TestDb) {
    const email = `ledger-${model.serial++}@cutx.test`;
    const { rows } = await db.query<{ id: string }>('INSERT INTO users (email) VALUES ($1) RETURNING id', [email]);
    model.users.push({ id: rows[0]?.id ?? '', balance: SIGNUP_CREDITS, movements: 1, jobs: 0 });
  }
  toString = () => 'signUp';
}

/** A movement of `amount` (signed): grants always land; a debit beyond the balance is refused. */
class Move implements Command {
  constructor(
    readonly pick: number,
    readonly kind: 'purchase' | 'admin_grant' | 'subscription_grant' | 'adjustment',
    readonly amount: number,
  ) {}
  check = (model: Readonly<Model>) => model.users.length > 0;
  async run(model: Model, db: TestDb) {
    const user = nth(model.users, this.pick);
    const error = await attempt(db, 'INSERT INTO credit_transactions (user_id, kind, amount) VALUES ($1, $2, $3)', [
      user.id,
      this.kind,
      this.amount,
    ]);
    if (user.balance + this.amount < 0) return expect(error).toMatchObject(OVERDRAFT);
    expect(error).toBeUndefined();
    user.balance += this.amount;
    user.movements += 1;
  }
  toString = () => `${this.kind}(user ${this.pick}, ${this.amount})`;
}

/** A job pays its credits_cost when inserted, or is not created at all. */
class CreateJob implements Command {
  constructor(
    readonly pick: number,
    readonly cost: number,
  ) {}
  check = (model: Readonly<Model>) => model.users.length > 0;
  async run(model: Model, db: TestDb) {
    const user = nth(model.users, this.pick);
    const id = `00000000-0000-4000-8000-${String(model.serial++).padStart(12, '0')}`;
    const error = await attempt(
      db,
      "INSERT INTO generation_jobs (id, user_id, type, idempotency_key, credits_cost) VALUES ($1, $2, 'copy', $3, $4)",
      [id, user.id, id, this.cost],
    );
    if (this.cost > user.balance) return expect(error).toMatchObject(OVERDRAFT);
    expect(error).toBeUndefined();
    model.jobs.push({ id, user, refunded: false });
    user.jobs += 1;
    if (this.cost > 0) {
      user.balance -= this.cost;
      user.movements += 1;
    }
  }
  toString = () => `createJob(user ${this.pick}, cost ${this.cost})`;
}

/** A job that costs exactly the user's balance (lands, leaving 0) or one credit more (refused). */
class CreateJobAtBalance implements Command {
  constructor(
    readonly pick: number,
    readonly over: 0 | 1,
  ) {}
  check = (model: Readonly<Model>) => model.users.length > 0;
  async run(model: Model, db: TestDb) {
    await new CreateJob(this.pick, nth(model.users, this.pick).balance + this.over).run(model, db);
  }
  toString = () => `createJobAtBalance(user ${this.pick}, +${this.over})`;
}

/** A job is refunded at most once. */
class Refund implements Command {
  constructor(
    readonly pick: number,
    readonly amount: number,
  ) {}
  check = (model: Readonly<Model>) => model.jobs.length > 0;
  async run(model: Model, db: TestDb) {
    const job = nth(model.jobs, this.pick);
    const error = await attempt(
      db,
      "INSERT INTO credit_transactions (user_id, kind, amount, job_id) VALUES ($1, 'refund', $2, $3)",
      [job.user.id, this.amount, job.id],
    );
    if (job.refunded) {
      return expect(error).toMatchObject({
        code: SQL_STATE.uniqueViolation,
        constraint: 'idx_credit_transactions_one_refund_per_job',
      });
    }
    expect(error).toBeUndefined();
    job.refunded = true;
    job.user.balance += this.amount;
    job.user.movements += 1;
  }
  toString = () => `refund(job ${this.pick}, ${this.amount})`;
}

/** Deleting a job keeps the ledger rows that paid for it. */
class DeleteJob implements Command {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.jobs.length > 0;
  async run(model: Model, db: TestDb) {
    const job = nth(model.jobs, this.pick);
    await db.query('DELETE FROM generation_jobs WHERE id = $1', [job.id]);
    model.jobs = model.jobs.filter((other) => other !== job);
    job.user.jobs -= 1;
  }
  toString = () => `deleteJob(job ${this.pick})`;
}

/** Deleting a user takes its balance, ledger and jobs with it. */
class DeleteUser implements Command {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.users.length > 0;
  async run(model: Model, db: TestDb) {
    const user = nth(model.users, this.pick);
    await db.query('DELETE FROM users WHERE id = $1', [user.id]);
    model.users = model.users.filter((other) => other !== user);
    model.jobs = model.jobs.filter((job) => job.user !== user);
  }
  toString = () => `deleteUser(user ${this.pick})`;
}

/** The whole database against the model: balance = sum(amount) = the model's, nothing else left. */
async function expectLedgerMatches(model: Model, db: TestDb): Promise<void> {
  const { rows } = await db.query(
    `SELECT u.id,
            (SELECT balance FROM credit_balances b WHERE b.user_id = u.id) AS balance,
            (SELECT coalesce(sum(amount), 0)::int FROM credit_transactions t WHERE t.user_id = u.id) AS total,
            (SELECT count(*)::int FROM credit_transactions t WHERE t.user_id = u.id) AS movements,
            (SELECT count(*)::int FROM generation_jobs j WHERE j.user_id = u.id) AS jobs
       FROM users u`,
  );
  const byId = (list: Record<string, unknown>[]) => new Map(list.map((row) => [row.id, row]));
  expect(byId(rows)).toEqual(
    byId(model.users.map(({ id, balance, movements, jobs }) => ({ id, balance, total: balance, movements, jobs }))),
  );
}

/** Checks the ledger after every command, so a counterexample stops at the first wrong step. */
const checked = (command: Command): Command => ({
  check: (model) => command.check(model),
  run: async (model, db) => {
    await command.run(model, db);
    await expectLedgerMatches(model, db);
  },
  toString: () => command.toString(),
});

const pick = fc.nat({ max: 7 });
const commands = fc.commands(
  [
    fc.constant(new SignUp()),
    fc
      .tuple(
        pick,
        fc.constantFrom('purchase', 'admin_grant', 'subscription_grant', 'adjustment'),
        fc.integer({ min: 1, max: 40 }),
      )
      .map(([user, kind, amount]) => new Move(user, kind, amount)),
    fc.tuple(pick, fc.integer({ min: 1, max: 60 })).map(([user, amount]) => new Move(user, 'adjustment', -amount)),
    fc.tuple(pick, fc.integer({ min: 0, max: 30 })).map(([user, cost]) => new CreateJob(user, cost)),
    fc.tuple(pick, fc.constantFrom(0 as const, 1 as const)).map(([user, over]) => new CreateJobAtBalance(user, over)),
    fc.tuple(pick, fc.integer({ min: 1, max: 30 })).map(([job, amount]) => new Refund(job, amount)),
    pick.map((job) => new DeleteJob(job)),
    pick.map((user) => new DeleteUser(user)),
  ].map((command) => command.map(checked)),
  { maxCommands: 25 },
);

/** Any sequence of movements keeps every balance equal to its ledger's sum and never below zero. */
const ledger: DbProperty<[Iterable<Command>]> = async (db) =>
  fc.asyncProperty(commands, (cmds) =>
    rolledBack(db, () => fc.asyncModelRun(() => ({ model: { users: [], jobs: [], serial: 0 }, real: db }), cmds)),
  );

describe('ledger (guarantee 2)', () => {
  dbTest('keeps balance = sum of amounts, never negative, and leaves no trace of a refused debit', async ({ db }) => {
    await fc.assert(await ledger(db), fcOptions(60));
  });

  it('reaches a debit of exactly the balance and of one credit more in its default runs', () => {
    const ran = (end: string) => (cmds: Iterable<Command>) =>
      [...cmds].some((command) => String(command).endsWith(end));
    expect(
      unreached(commands, 60, {
        'a job costing exactly the balance': ran('+0)'),
        'a job costing one credit more': ran('+1)'),
      }),
    ).toEqual([]);
  });

  it.each([
    ['overdrafts are allowed', 'ALTER TABLE credit_balances DROP CONSTRAINT credit_balances_balance_nonnegative'],
    ['jobs are not charged', 'DROP TRIGGER generation_jobs_debit_credits ON generation_jobs'],
    [
      'deleting a job deletes its ledger rows',
      `ALTER TABLE credit_transactions DROP CONSTRAINT credit_transactions_job_id_fkey,
         ADD FOREIGN KEY (job_id) REFERENCES generation_jobs ON DELETE CASCADE`,
    ],
    ['a job can be refunded twice', 'DROP INDEX idx_credit_transactions_one_refund_per_job'],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, ledger, 100));
});
