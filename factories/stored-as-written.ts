import type { SqlClient } from '../src/db/sql-client.js';
import { ISO_DATE } from '../src/rows/column-schemas.js';
import type { TableDef } from '../src/rows/tables.js';
import { jsonbAsRead } from './jsonb-as-read.js';
import { quote } from './sql-text.js';

type Values = Record<string, unknown>;

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
// Years 1 to 9999: the instants whose ISO text PostgreSQL reads back to the same instant.
const YEAR_1 = -62135596800000;
const YEAR_10000 = 253402300800000;

const wellFormed = (value: unknown): boolean => typeof value === 'string' && value.isWellFormed();
const keptInteger = (value: unknown): boolean => Number.isSafeInteger(value) && !Object.is(value, -0);

/**
 * Per column type, the JavaScript values that a query returns unchanged after they are
 * written as text: PostgreSQL keeps them byte for byte, and the type parsers give back the
 * same value. Other values (an upper-case uuid, a lone surrogate, a bigint that fits a
 * number, an address with a mask, JSON with keys out of jsonb's order) and other types are
 * read back.
 */
const KEPT: Record<string, (value: unknown) => boolean> = {
  uuid: (value) => typeof value === 'string' && CANONICAL_UUID.test(value),
  text: wellFormed,
  currency_code: wellFormed,
  integer: keptInteger,
  bigint: keptInteger,
  boolean: (value) => typeof value === 'boolean',
  'timestamp with time zone': (value) =>
    value instanceof Date && value.getTime() >= YEAR_1 && value.getTime() < YEAR_10000,
  bytea: (value) => value instanceof Uint8Array && value.constructor === Uint8Array,
  'text[]': (value) => Array.isArray(value) && value.every(wellFormed),
  // A valid date prints as it was written; an invalid one is refused by the COPY.
  date: (value) => typeof value === 'string' && ISO_DATE.test(value),
  // An IPv4 address without a mask prints as written; '10.0.0.1/32' would print without it.
  inet: (value) => typeof value === 'string' && IPV4.test(value),
  // Plain JSON with every object's keys already in jsonb's order.
  jsonb: (value) => jsonbAsRead(value) === value,
};

/** Whether reading `rows` back would return them as they are: every column set, every value kept. */
export function readsAsWritten(def: TableDef, columns: readonly string[], rows: readonly Values[]): boolean {
  const all = Object.keys(def.columns);
  if (columns.length !== all.length) return false;
  const checks: ((value: unknown) => boolean)[] = [];
  for (const column of columns) {
    const kept = KEPT[def.columns[column]?.type ?? ''];
    if (kept === undefined) return false;
    checks.push(kept);
  }
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i] as string];
      if (value !== null && !(checks[i] as (value: unknown) => boolean)(value)) return false;
    }
  }
  return true;
}

/** Whether a trigger may rewrite `def`'s rows as they are inserted. */
export type RewriteCheck = (client: SqlClient, def: TableDef) => Promise<boolean>;

// tgtype bits: 1 row-level, 2 BEFORE, 4 INSERT.
const REWRITING_TRIGGER = `tgenabled <> 'D' AND tgtype & 7 = 7`;

/**
 * Whether a trigger may rewrite `def`'s rows as they are inserted (a BEFORE INSERT row
 * trigger that is not disabled), as the ledger's fills in balance_after. Asked on every
 * insert, not cached: a test may add a trigger to its own database.
 */
export const rewritesInsertedRows: RewriteCheck = async (client, def) => {
  const { rows } = await client.query(
    `SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND ${REWRITING_TRIGGER} LIMIT 1`,
    [quote(def.name)],
  );
  return rows.length > 0;
};

/**
 * The same answer for every table from one read of the catalog, at the first insert: for
 * work whose tables' triggers stay as they are (a seed, in its own transaction). A seed
 * asked before each of its 44 inserts that could skip their read-back: about 30 ms of 450.
 */
export function rewritesInsertedRowsReadOnce(): RewriteCheck {
  let rewriting: Promise<Set<string>> | undefined;
  return async (client, def) => {
    rewriting ??= client
      .query<{ table: string }>(
        // Visible tables are the ones an unqualified name finds, as `regclass` does above.
        `SELECT c.relname AS table FROM pg_trigger JOIN pg_class c ON c.oid = tgrelid
          WHERE pg_table_is_visible(c.oid) AND ${REWRITING_TRIGGER}`,
      )
      .then(({ rows }) => new Set(rows.map((row) => row.table)));
    try {
      return (await rewriting).has(def.name);
    } catch (error) {
      rewriting = undefined;
      throw error;
    }
  };
}
