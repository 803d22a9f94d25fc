import type { SqlClient } from '../../src/db/sql-client.js';
import { checkBranches } from '../../test/rules/support/check-branches.js';

/**
 * A bug derived from the migrated catalog, written as the statements of a new schema file
 * that follows the last one: what a committed change that breaks one rule looks like.
 * `target` is the object it breaks (a constraint, index, trigger or function name, or
 * `table.column`): a rule test that notices it names that object in its title. `scope` is
 * what it touches (a table, a domain, a column, a function): mutants of different scopes
 * can share a scratch copy, and so can CHECK mutants of one table that only widen
 * (`widens`: they accept more, so they cannot make another rule's attack fail).
 */
export interface CatalogMutant {
  name: string;
  target: string;
  scope: string;
  /** The table it changes, if one (a domain's or a function's change reaches several). */
  table?: string;
  sql: string;
  /** Which rule tests can notice it: the data rules', the reviewed definitions', or all (triggers and functions). */
  family: 'data' | 'definition' | 'behaviour';
  widens?: boolean;
}

const ident = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/**
 * Every mutant of every kind, from the catalog of `db` (a database migrated with schema/),
 * less those the database refuses to apply (no one could commit them).
 */
export async function catalogMutants(db: SqlClient): Promise<CatalogMutant[]> {
  const all = [
    ...(await checkMutants(db)),
    ...(await defaultMutants(db)),
    ...(await domainMutants(db)),
    ...(await indexMutants(db)),
    ...(await triggerMutants(db)),
    ...(await functionMutants(db)),
  ];
  const applicable: CatalogMutant[] = [];
  for (const mutant of all) {
    try {
      await db.exec(`BEGIN; ${mutant.sql}`);
      applicable.push(mutant);
    } catch {
      // e.g. a statement-level trigger that keeps a WHEN clause reading the row
    } finally {
      await db.exec('ROLLBACK');
    }
  }
  return applicable;
}

/** Each branch of each CHECK, lost: see test/rules/support/check-branches.ts. */
async function checkMutants(db: SqlClient): Promise<CatalogMutant[]> {
  const { rows } = await db.query<{ name: string; on_table: string | null; on_domain: string | null; def: string }>(
    `SELECT c.conname AS name, nullif(c.conrelid, 0)::regclass::text AS on_table,
            CASE WHEN c.contypid <> 0 THEN format_type(c.contypid, NULL) END AS on_domain,
            pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace AND c.contype = 'c' ORDER BY 1`,
  );
  return rows.flatMap(({ name, on_table, on_domain, def }) => {
    const owner = on_table ? `TABLE ${on_table}` : `DOMAIN ${on_domain}`;
    return checkBranches(def).map(({ branch, check }) => ({
      name: `CHECK ${name}: ${branch.replace(/\s+/g, ' ')}`,
      target: name,
      scope: on_table ?? on_domain ?? name,
      ...(on_table ? { table: on_table } : {}),
      family: 'data' as const,
      widens: /^conjunct |made (<=|>=)$|^anchor /.test(branch),
      sql: `ALTER ${owner} DROP CONSTRAINT ${name};\nALTER ${owner} ADD CONSTRAINT ${name} ${check.replace(/\s+/g, ' ')};`,
    }));
  });
}

/** Each column default dropped, and each literal one changed to another value of its type. */
async function defaultMutants(db: SqlClient): Promise<CatalogMutant[]> {
  const { rows } = await db.query<{ table: string; column: string; def: string }>(
    `SELECT c.relname AS table, a.attname AS column, pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid
       JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
      WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  return rows.flatMap(({ table, column, def }): CatalogMutant[] => {
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${ident(column)}`;
    const target = `${table}.${column}`;
    const changed = changedDefault(def);
    return [
      {
        name: `default of ${target} (${def}) dropped`,
        target,
        scope: target,
        table,
        family: 'definition',
        sql: `${alter} DROP DEFAULT;`,
      },
      ...(changed
        ? [
            {
              family: 'definition' as const,
              name: `default of ${target} changed to ${changed}`,
              target,
              scope: target,
              table,
              sql: `${alter} SET DEFAULT ${changed};`,
            },
          ]
        : []),
    ];
  });
}

/** Another value of the same type, where the default is a literal or a clock. */
function changedDefault(def: string): string | undefined {
  if (/^-?\d+$/.test(def)) return String(Number(def) + 1);
  if (def === 'true' || def === 'false') return def === 'true' ? 'false' : 'true';
  if (def === 'now()') return "now() - interval '1 day'";
  if (def.startsWith("'{}'::jsonb")) return `'{"x": 1}'::jsonb`;
  const text = /^'([^']*)'::(text|bpchar)$/.exec(def);
  if (text) return `'${text[1] === 'USD' ? 'EUR' : `${text[1]}x`}'`;
  return undefined;
}

/** Each column of a domain type turned into the domain's base type. */
async function domainMutants(db: SqlClient): Promise<CatalogMutant[]> {
  const { rows } = await db.query<{ table: string; column: string; domain: string; base: string }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(t.oid, NULL) AS domain,
            format_type(t.typbasetype, t.typtypmod) AS base
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND t.typtype = 'd' AND a.attnum > 0
      ORDER BY 1, 2`,
  );
  return rows.map(({ table, column, domain, base }) => ({
    name: `${table}.${column} made ${base} instead of ${domain}`,
    target: `${table}.${column}`,
    scope: `${table}.${column}`,
    table,
    family: 'definition' as const,
    sql: `ALTER TABLE ${table} ALTER COLUMN ${ident(column)} TYPE ${base};`,
  }));
}

/**
 * Each unique index (a key constraint's too) without one of its columns, made non-unique,
 * and each partial index without its predicate.
 */
async function indexMutants(db: SqlClient): Promise<CatalogMutant[]> {
  const { rows } = await db.query<{
    index: string;
    table: string;
    constraint: string | null;
    def: string;
    keys: string[];
    predicate: string | null;
    unique: boolean;
  }>(
    `SELECT i.relname AS index, t.relname AS table, con.conname AS constraint, pg_get_indexdef(x.indexrelid) AS def,
            array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k) AS keys,
            pg_get_expr(x.indpred, x.indrelid) AS predicate, x.indisunique AS unique
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype IN ('p', 'u')
      WHERE t.relnamespace = 'public'::regnamespace AND (x.indisunique OR x.indpred IS NOT NULL)
        AND con.contype IS DISTINCT FROM 'p'
      ORDER BY 1`,
  );
  return rows.flatMap(({ index, table, constraint, def, keys, predicate, unique }) => {
    const where = predicate ? ` WHERE ${predicate}` : '';
    const recreate = (columns: string[], isUnique: boolean, withWhere: string) =>
      constraint
        ? `ALTER TABLE ${table} DROP CONSTRAINT ${constraint};\n` +
          (isUnique
            ? `ALTER TABLE ${table} ADD CONSTRAINT ${constraint} UNIQUE (${columns.join(', ')});`
            : `CREATE INDEX ${index} ON ${table} (${columns.join(', ')});`)
        : `DROP INDEX ${index};\nCREATE ${isUnique ? 'UNIQUE ' : ''}INDEX ${index} ON ${table} (${columns.join(', ')})${withWhere};`;
    const target = constraint ?? index;
    const mutants: CatalogMutant[] = [];
    if (keys.length > 1) {
      for (const key of keys) {
        mutants.push({
          family: 'data',
          name: `unique ${target} without ${key}`,
          target,
          scope: table,
          table,
          sql: recreate(
            keys.filter((other) => other !== key),
            true,
            where,
          ),
        });
      }
    }
    if (unique)
      mutants.push({
        family: 'data',
        name: `${target} no longer unique`,
        target,
        scope: table,
        table,
        sql: recreate(keys, false, where),
      });
    if (predicate) {
      mutants.push({
        family: 'data',
        name: `${target} without its predicate (${predicate})`,
        target,
        scope: table,
        table,
        sql: recreate(keys, unique, ''),
      });
    }
    if (!def) throw new Error(`no definition for ${index}`);
    return mutants;
  });
}

/** Each trigger fired at the other time, at the other level, or on one event fewer or another. */
async function triggerMutants(db: SqlClient): Promise<CatalogMutant[]> {
  const { rows } = await db.query<{ name: string; table: string; def: string; constraint: boolean }>(
    `SELECT tg.tgname AS name, c.relname AS table, pg_get_triggerdef(tg.oid) AS def, tg.tgconstraint <> 0 AS constraint
       FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
      WHERE c.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal ORDER BY 1`,
  );
  return rows.flatMap(({ name, table, def, constraint }) => {
    const replace = (what: string, find: RegExp, by: string): CatalogMutant[] => {
      const changed = def.replace(find, by);
      return changed === def
        ? []
        : [
            {
              name: `trigger ${name} ${what}`,
              target: name,
              scope: table,
              table,
              family: 'behaviour',
              sql: `DROP TRIGGER ${name} ON ${table};\n${changed};`,
            },
          ];
    };
    const events = /(?:BEFORE|AFTER) (.+?) ON /.exec(def)?.[1]?.split(' OR ') ?? [];
    const truncate = events.includes('TRUNCATE');
    const out: CatalogMutant[] = [];
    // A constraint trigger is AFTER ... FOR EACH ROW by definition; TRUNCATE fires per statement only.
    if (!constraint) {
      out.push(...replace('fired AFTER instead of BEFORE', / BEFORE /, ' AFTER '));
      out.push(...replace('fired BEFORE instead of AFTER', / AFTER /, ' BEFORE '));
      if (!truncate)
        out.push(...replace('fired FOR EACH STATEMENT instead of ROW', /FOR EACH ROW/, 'FOR EACH STATEMENT'));
    }
    if (events.length > 1) {
      for (const event of events) {
        const rest = events.filter((other) => other !== event).join(' OR ');
        out.push(...replace(`no longer fired on ${event}`, / (BEFORE|AFTER) .+? ON /, ` $1 ${rest} ON `));
      }
    } else if (!truncate) {
      const other = events[0]?.startsWith('INSERT') ? 'UPDATE' : 'INSERT';
      out.push(...replace(`fired on ${other} instead of ${events[0]}`, / (BEFORE|AFTER) .+? ON /, ` $1 ${other} ON `));
    }
    return out;
  });
}

/** Each trigger function (and helper) made SECURITY DEFINER without a fixed search_path, and granted back to PUBLIC. */
async function functionMutants(db: SqlClient): Promise<CatalogMutant[]> {
  const { rows } = await db.query<{ name: string; signature: string; revoked: boolean }>(
    `SELECT p.proname AS name, p.oid::regprocedure::text AS signature,
            NOT has_function_privilege('public', p.oid, 'EXECUTE') AS revoked
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1`,
  );
  return rows.flatMap(({ name, signature, revoked }): CatalogMutant[] => [
    {
      name: `function ${name} made SECURITY DEFINER without a search_path`,
      target: name,
      scope: `function ${name}`,
      family: 'behaviour',
      sql: `ALTER FUNCTION ${signature} SECURITY DEFINER RESET search_path;`,
    },
    ...(revoked
      ? [
          {
            family: 'behaviour' as const,
            name: `function ${name} executable by PUBLIC again`,
            target: name,
            scope: `function ${name}`,
            sql: `GRANT EXECUTE ON FUNCTION ${signature} TO PUBLIC;`,
          },
        ]
      : []),
  ]);
}
