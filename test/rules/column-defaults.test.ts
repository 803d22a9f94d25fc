import { describe, expect, it } from 'vitest';
import { rolledBack } from '../properties/support/isolation.js';
import { EXPECTED_COLUMNS } from './expected/columns.js';
import { writtenRow } from './support/attack.js';
import { useBaseRowsDb } from './support/test-attacks.js';

// Each column default, used: a new row written without the column (every other column
// copied from the table's base row) reads back the default the reviewed definition names.
// A default dropped, changed, or overwritten on the way in fails the column's own test.

// Columns whose default no insert reads back, and what takes its place.
const NOT_READ_BACK: Record<string, string> = {
  'credit_transactions.balance_after': 'the ledger trigger writes the balance after the movement over it',
};

// What else a row without the column needs to pass the table's other rules: a funnel whose
// top step is 0 has nothing below it, and a token made now expires after now.
const ALONGSIDE: Record<string, Record<string, unknown>> = {
  'campaign_analytics.impressions': { clicks: 0, conversions: 0 },
  'campaign_analytics.clicks': { conversions: 0 },
  'magic_link_tokens.created_at': { expires_at: '2999-01-01T00:00:00Z' },
};

// A balance is inserted only by the signup trigger, with every column given (see ledger-guards).
const SKIPPED_TABLES = new Set(['credit_balances']);

const defaults = Object.entries(EXPECTED_COLUMNS).flatMap(([table, columns]) =>
  Object.entries(columns).flatMap(([column, definition]) => {
    const expression = / DEFAULT (.+)$/.exec(definition)?.[1];
    const name = `${table}.${column}`;
    return expression && !SKIPPED_TABLES.has(table) && !(name in NOT_READ_BACK)
      ? [{ name, table, column, expression }]
      : [];
  }),
);

describe('every column default is what an insert without the column reads back', () => {
  const context = useBaseRowsDb();

  it.each(defaults.map((d) => [d.name, d] as const))(
    '%s: an insert that leaves it out reads back its default',
    (_name, { table, column, expression }) =>
      rolledBack(context.db, async () => {
        const row = writtenRow(context.base, table, 'insert', ALONGSIDE[`${table}.${column}`] ?? {}, 0);
        delete row[column];
        const columns = Object.keys(row)
          .map((name) => `"${name}"`)
          .join(', ');
        const { rows } = await context.db.query<{ value: string | null; expected: string | null }>(
          `WITH written AS (
           INSERT INTO ${table} AS t (${columns})
           SELECT ${columns} FROM jsonb_populate_record(NULL::${table}, $1::jsonb)
           RETURNING to_jsonb(t) -> $2 #>> '{}' AS value)
         SELECT value, to_jsonb(${expression}) #>> '{}' AS expected FROM written`,
          [JSON.stringify(row), column],
        );
        const { value, expected } = rows[0] ?? {};
        if (expression === 'gen_random_uuid()') {
          expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
          expect(value).not.toBe(context.base.rows[table]?.[column]);
        } else {
          expect(value).toBe(expected);
        }
      }),
  );

  it('reads back every default but those a trigger overwrites', () => {
    expect(defaults.length + Object.keys(NOT_READ_BACK).length).toBeGreaterThan(60);
  });
});
