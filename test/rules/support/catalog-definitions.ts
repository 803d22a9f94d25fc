import type { SqlClient } from '../../../src/db/sql-client.js';
import type { ExpectedFunction } from '../expected/functions.js';

async function byName<T>(db: SqlClient, sql: string): Promise<Record<string, T>> {
  const { rows } = await db.query<{ name: string; definition: T }>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, row.definition]));
}

/** `table.column` to its type (a domain by name), NOT NULL and default, as expected/columns.ts writes them. */
export function catalogColumns(db: SqlClient): Promise<Record<string, string>> {
  return byName(
    db,
    `SELECT c.relname || '.' || a.attname AS name,
            format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
              || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS definition
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  );
}

/** Each trigger's definition (timing, events, level, WHEN, function). */
export function catalogTriggers(db: SqlClient): Promise<Record<string, string>> {
  return byName(
    db,
    `SELECT tg.tgname AS name, pg_get_triggerdef(tg.oid) AS definition
       FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
      WHERE c.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal`,
  );
}

/** Each index's definition (uniqueness, columns or expressions, predicate). */
export function catalogIndexes(db: SqlClient): Promise<Record<string, string>> {
  return byName(
    db,
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relnamespace = 'public'::regnamespace`,
  );
}

/** Each function of the schema (not an extension's): SECURITY DEFINER, settings, PUBLIC's EXECUTE. */
export function catalogFunctions(db: SqlClient): Promise<Record<string, ExpectedFunction>> {
  return byName(
    db,
    `SELECT p.proname AS name,
            jsonb_build_object('securityDefiner', p.prosecdef, 'config', coalesce(array_to_string(p.proconfig, ','), ''),
                               'publicExecute', has_function_privilege('public', p.oid, 'EXECUTE')) AS definition
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
  );
}
