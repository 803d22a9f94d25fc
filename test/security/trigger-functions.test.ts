import { describe, expect } from 'vitest';
import type { SqlClient } from '../../src/db/sql-client.js';
import { dbTest } from '../support/db-test.js';

// schema/0010 states the rule; this holds every trigger function to it, later ones included.
const PINNED = 'search_path=public, pg_temp';

/**
 * Trigger functions of the schema that break schema/0010's rule, one line each: a
 * search_path that does not search pg_temp last (a client's temporary table could stand in
 * for one of ours), or EXECUTE for PUBLIC (a client could attach it to a table of its own).
 */
async function triggerFunctionProblems(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query<{ name: string; pinned: boolean; public_execute: boolean }>(
    `SELECT p.proname AS name, coalesce($1 = ANY (p.proconfig), false) AS pinned,
            has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute
       FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace AND p.prorettype = 'trigger'::regtype
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1`,
    [PINNED],
  );
  return rows.flatMap((row) => [
    ...(row.pinned ? [] : [`${row.name}: search_path not pinned to public, pg_temp`]),
    ...(row.public_execute ? [`${row.name}: executable by PUBLIC`] : []),
  ]);
}

describe('trigger functions', () => {
  dbTest('all run with search_path pinned, pg_temp last, and none is executable by PUBLIC', async ({ db }) => {
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prorettype = 'trigger'::regtype",
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(10);
    expect(await triggerFunctionProblems(db)).toEqual([]);
  });

  dbTest.for([
    [
      'a new trigger function keeps the default search_path',
      'CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; REVOKE EXECUTE ON FUNCTION stamp() FROM PUBLIC',
      'stamp: search_path not pinned to public, pg_temp',
    ],
    [
      'a trigger function is granted to PUBLIC',
      'GRANT EXECUTE ON FUNCTION credit_transactions_apply() TO PUBLIC',
      'credit_transactions_apply: executable by PUBLIC',
    ],
  ])('are reported when %s', async ([_name, ddl, problem], { db }) => {
    await db.exec(`BEGIN; ${ddl}`);
    try {
      expect(await triggerFunctionProblems(db)).toEqual([problem]);
    } finally {
      await db.exec('ROLLBACK');
    }
  });
});
