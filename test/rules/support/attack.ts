import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SqlClient } from '../../../src/db/sql-client.js';
import { attempt, rolledBack } from '../../properties/support/isolation.js';
import { SQL_STATE } from '../../support/sql-state.js';
import { type BaseRows, baseRowOf } from './base-rows.js';

/** Column values to write, by column name; jsonb-shaped (bytea as '\x...' hex, times as ISO text). */
export type Values = Record<string, unknown>;
/** Values, or values worked out from the committed base rows (to collide with or point at them). */
export type ValuesOf = Values | ((base: BaseRows) => Values);

/**
 * One attack on one named rule of the schema: every `passes` write must succeed and every
 * `fails` write must be refused with `sqlState` naming `rule`, leaving the database exactly
 * as it was. A write copies the table's base row with the given values: as an UPDATE of that
 * row, or as an INSERT of a new row (fresh id and unique columns) where `via` says so.
 *
 * Every constructor of an Attack starts with `attack` and takes the rule's name as a string
 * literal first: rule-coverage.test.ts finds the attacked rules by reading the test files.
 */
export interface Attack {
  rule: string;
  sqlState: string;
  table: string;
  via: 'insert' | 'update';
  passes: ValuesOf[];
  fails: ValuesOf[];
}

// Tables whose rows cannot be updated (append-only, or guarded by a transition or a frozen
// cost that would answer first), so their rules are attacked with new rows.
const INSERTED = new Set(['credit_transactions', 'admin_audit_log', 'generation_jobs']);

const viaFor = (table: string) => (INSERTED.has(table) ? 'insert' : 'update');

/** A CHECK: `pass` is accepted, each of `fails` (the values just beyond the bound) refused. */
export function attackCheck(rule: string, table: string, pass: ValuesOf, ...fails: ValuesOf[]): Attack {
  return { rule, sqlState: SQL_STATE.checkViolation, table, via: viaFor(table), passes: [pass], fails };
}

/**
 * A CHECK that lists what a column may hold: every listed value is accepted, so a value
 * dropped from the list is noticed (what lies outside it is attackCheck's). `alongside`
 * gives what a row with that value also needs to pass the table's other rules.
 */
export function attackCheckEach(
  rule: string,
  table: string,
  column: string,
  values: readonly string[],
  alongside: (value: string) => Values = () => ({}),
): Attack {
  return {
    rule,
    sqlState: SQL_STATE.checkViolation,
    table,
    via: viaFor(table),
    passes: values.map((value) => ({ ...alongside(value), [column]: value })),
    fails: [],
  };
}

/** A unique key: new rows that differ in one key column pass, rows that repeat the key are refused. */
export function attackUnique(rule: string, table: string, passes: ValuesOf[], ...fails: ValuesOf[]): Attack {
  return { rule, sqlState: SQL_STATE.uniqueViolation, table, via: 'insert', passes, fails };
}

/** A foreign key: a reference to an existing row passes, one to a missing row is refused. */
export function attackForeignKey(rule: string, table: string, column: string, pass: ValuesOf): Attack {
  return {
    rule,
    sqlState: SQL_STATE.foreignKeyViolation,
    table,
    via: viaFor(table),
    passes: [pass],
    fails: [{ [column]: randomUUID() }],
  };
}

// Values that keep a new row clear of every unique key but the one under attack; `n`
// counts the writes of one attack.
const FRESH: Record<string, (n: number, base: BaseRows) => Values> = {
  users: (n) => ({ email: `fresh-${n}@cutx.test`, github_id: null, stripe_customer_id: null }),
  magic_link_tokens: () => ({ token_hash: `\\x${randomBytes(32).toString('hex')}` }),
  generation_jobs: (n) => ({ idempotency_key: `fresh-${n}` }),
  // The base movement is a refund, and a job is refunded at most once.
  credit_transactions: () => ({ kind: 'purchase' }),
  subscriptions: (n) => ({
    stripe_subscription_id: `sub_fresh_${n}`,
    status: 'canceled',
    canceled_at: '2026-01-01T00:00:00Z',
  }),
  product_images: (n) => ({ position: 1000 + n }),
  ad_platform_connections: (n) => ({ external_account_id: `fresh-${n}` }),
  campaign_analytics: (n) => ({ date: `2031-01-${String(n + 1).padStart(2, '0')}` }),
  campaign_assets: (n, base) => ({ asset_id: base.spareAssets[n] }),
  landing_pages: (n) => ({ subdomain: `fresh-${n}`, custom_domain: null }),
  inventory_items: () => ({ sku: null }),
  show_items: (n, base) => ({ inventory_item_id: base.spareItems[n] }),
  payout_imports: () => ({ file_sha256: `\\x${randomBytes(32).toString('hex')}` }),
  payout_line_items: (n) => ({ line_number: 1000 + n }),
};

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifiers(names: string[]): string {
  for (const name of names) if (!IDENTIFIER.test(name)) throw new RangeError(`not a column name: ${name}`);
  return names.join(', ');
}

/**
 * The whole row a write of `values` stands for: the table's base row with them, and for an
 * insert a fresh id and fresh unique columns (`n` counts the inserts of one attack).
 */
export function writtenRow(base: BaseRows, table: string, via: Attack['via'], values: Values, n: number): Values {
  const baseRow = baseRowOf(base, table);
  return via === 'update'
    ? { ...baseRow, ...values }
    : { ...baseRow, id: randomUUID(), ...FRESH[table]?.(n, base), ...values };
}

/** `valuesOf` worked out against the base rows. */
export const valuesFor = (valuesOf: ValuesOf, base: BaseRows): Values =>
  typeof valuesOf === 'function' ? valuesOf(base) : valuesOf;

/** Runs one attack in a transaction that is rolled back afterwards. */
export async function runAttack(db: SqlClient, base: BaseRows, attack: Attack): Promise<void> {
  const { rule, sqlState, table, via } = attack;
  identifiers([table]);
  const baseRow = baseRowOf(base, table);
  let n = 0;
  const write = (valuesOf: ValuesOf) => {
    const values = valuesFor(valuesOf, base);
    if (via === 'update') {
      const columns = identifiers(Object.keys(values));
      return attempt(
        db,
        `UPDATE ${table} SET (${columns}) = (SELECT ${columns} FROM jsonb_populate_record(NULL::${table}, $1::jsonb))
          WHERE id = $2`,
        [JSON.stringify(values), baseRow.id],
      );
    }
    return attempt(
      db,
      `INSERT INTO ${table} SELECT (jsonb_populate_record(t, $1::jsonb)).* FROM ${table} t WHERE t.id = $2`,
      [JSON.stringify(writtenRow(base, table, via, values, n++)), baseRow.id],
    );
  };
  await rolledBack(db, async () => {
    for (const pass of attack.passes) {
      expect(await write(pass), `${rule} should accept ${describe(pass, base)}`).toBeUndefined();
    }
    const before = await written(db, table);
    for (const fail of attack.fails) {
      expect(await write(fail), `${rule} should refuse ${describe(fail, base)}`).toEqual({
        code: sqlState,
        constraint: rule,
      });
    }
    expect(await written(db, table), 'a refused write left a trace').toEqual(before);
  });
}

/**
 * The rows a write to `table` could leave: its own, and the ledger's and balances, which
 * the only triggers that write elsewhere (signup, the debit) write to.
 */
async function written(db: SqlClient, table: string): Promise<unknown> {
  const { rows } = await db.query<{ rows: unknown }>(
    `SELECT jsonb_build_array(${[...new Set([table, 'credit_transactions', 'credit_balances'])]
      .map((name) => `(SELECT jsonb_agg(to_jsonb(t) ORDER BY t.id) FROM ${name} t)`)
      .join(', ')}) AS rows`,
  );
  return rows[0]?.rows;
}

const describe = (valuesOf: ValuesOf, base: BaseRows) => JSON.stringify(valuesFor(valuesOf, base)).slice(0, 200);
