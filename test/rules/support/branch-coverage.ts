import type { SqlClient } from '../../../src/db/sql-client.js';
import { SQL_STATE } from '../../support/sql-state.js';
import { type Attack, type Values, valuesFor, writtenRow } from './attack.js';
import type { BaseRows } from './base-rows.js';
import { checkBranches } from './check-branches.js';

/**
 * Branches no row can decide, each with the reason: reviewed, and named exactly as the
 * meta-test reports them (CHECK name, then the branch).
 */
export const EQUIVALENT_BRANCHES: Record<string, string> = {
  "currency_code_check: anchor ^ of '^[A-Z]{3}$' removed":
    'a char(3) value holds three characters, so three capitals anywhere are the whole value',
  "currency_code_check: anchor $ of '^[A-Z]{3}$' removed":
    'a char(3) value holds three characters, so three capitals anywhere are the whole value',
};

/**
 * CHECKs attacked by a scenario of their own rather than by attackCheck rows, with where:
 * their branches are that test's to cover.
 */
export const SCENARIO_ATTACKED: Record<string, string> = {
  credit_balances_balance_nonnegative:
    'only the ledger trigger writes a balance: ledger-guards.test.ts overdraws it by one credit',
};

/** A CHECK of the migrated schema, on a table or a domain. */
interface Check {
  name: string;
  table: string | null;
  domain: string | null;
  base: string | null;
  def: string;
}

/** A row an attack writes, and whether the CHECK must accept it. */
interface AttackRow {
  table: string;
  row: Values;
  accepted: boolean;
}

async function schemaChecks(db: SqlClient): Promise<Check[]> {
  const { rows } = await db.query<Check>(
    `SELECT c.conname AS name, nullif(c.conrelid, 0)::regclass::text AS table,
            CASE WHEN c.contypid <> 0 THEN format_type(c.contypid, NULL) END AS domain,
            CASE WHEN c.contypid <> 0 THEN format_type(t.typbasetype, t.typtypmod) END AS base,
            pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c LEFT JOIN pg_type t ON t.oid = c.contypid
      WHERE c.connamespace = 'public'::regnamespace AND c.contype = 'c' ORDER BY 1`,
  );
  return rows;
}

function attackRows(attacks: readonly Attack[], base: BaseRows): AttackRow[] {
  return attacks.flatMap((attack) => {
    let n = 0;
    const row = (valuesOf: Attack['passes'][number], accepted: boolean): AttackRow => ({
      table: attack.table,
      row: writtenRow(base, attack.table, attack.via, valuesFor(valuesOf, base), attack.via === 'insert' ? n++ : 0),
      accepted,
    });
    return [...attack.passes.map((pass) => row(pass, true)), ...attack.fails.map((fail) => row(fail, false))];
  });
}

/**
 * Whether `check` (a `CHECK (...)`) accepts each row: a table's CHECK reads the row's
 * columns; a domain's reads VALUE, here the `column` of the row that has the domain.
 */
async function verdicts(
  db: SqlClient,
  check: Check,
  check_sql: string,
  rows: AttackRow[],
  column?: string,
): Promise<boolean[]> {
  const expression = check_sql.replace(/^CHECK /, '');
  const table = rows[0]?.table;
  if (!table) return [];
  const judged = check.domain
    ? expression.replace(/\bVALUE\b/g, `((attack_row.row ->> '${column}')::${check.base})`)
    : expression;
  const { rows: result } = await db.query<{ accepted: boolean[] }>(
    `SELECT array_agg((${judged}) IS NOT FALSE ORDER BY attack_row.ord) AS accepted
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS attack_row(row, ord)
       ${check.domain ? '' : `, LATERAL jsonb_populate_record(NULL::${table}, attack_row.row) AS written`}`,
    [JSON.stringify(rows.map((row) => row.row))],
  );
  return result[0]?.accepted ?? [];
}

/**
 * One line for each branch of each CHECK that no attack tells apart from the bug that
 * loses it (a row the bug judges otherwise than the CHECK), and for each attack row the
 * CHECK itself does not judge as the attack says: an empty list is a pass.
 */
export async function unattackedBranches(db: SqlClient, base: BaseRows, attacks: readonly Attack[]): Promise<string[]> {
  const checkAttacks = attacks.filter((attack) => attack.sqlState === SQL_STATE.checkViolation);
  const problems: string[] = [];
  for (const check of await schemaChecks(db)) {
    const mine = checkAttacks.filter((attack) => attack.rule === check.name);
    if (mine.length === 0) {
      if (check.name in SCENARIO_ATTACKED) continue;
      problems.push(`CHECK ${check.name} has no attackCheck('${check.name}', ...) in test/rules/cases/`);
      continue;
    }
    // A domain's CHECK is judged on each table and column its attacks write it to.
    const groups = new Map<string, AttackRow[]>();
    for (const attack of mine) {
      const column = check.domain ? Object.keys(valuesFor(attack.fails[0] ?? attack.passes[0] ?? {}, base))[0] : '';
      const key = `${attack.table}.${column}`;
      groups.set(key, [...(groups.get(key) ?? []), ...attackRows([attack], base)]);
    }
    const branches = checkBranches(check.def);
    const told = new Set<string>();
    for (const [key, rows] of groups) {
      const column = key.split('.')[1];
      const real = await verdicts(db, check, check.def, rows, column);
      rows.forEach((row, i) => {
        if (real[i] !== row.accepted) {
          problems.push(
            `CHECK ${check.name} ${real[i] ? 'accepts' : 'refuses'} ${JSON.stringify(row.row).slice(0, 160)}, which its attack expects it to ${row.accepted ? 'accept' : 'refuse'}`,
          );
        }
      });
      for (const branch of branches) {
        const judged = await verdicts(db, check, branch.check, rows, column);
        if (judged.some((accepted, i) => accepted !== real[i])) told.add(branch.branch);
      }
    }
    for (const { branch } of branches) {
      if (!told.has(branch) && !(`${check.name}: ${branch}` in EQUIVALENT_BRANCHES)) {
        problems.push(`CHECK ${check.name}: no attack row tells it from the bug "${branch.replace(/\s+/g, ' ')}"`);
      }
    }
  }
  return problems;
}
