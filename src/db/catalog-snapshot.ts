import type { SqlClient } from './sql-client.js';

/** The kinds of object a snapshot holds, in the order reports list them. */
export const CATALOG_KINDS = [
  'extension',
  'table',
  'column',
  'constraint',
  'index',
  'view',
  'sequence',
  'domain',
  'policy',
  'rule',
  'trigger',
  'function',
] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/** One object of the `public` schema (or an extension of the database), as the catalog describes it. */
export interface CatalogEntry {
  kind: CatalogKind;
  /** `users`, `users.email`, `users.users_role_check`, `idx_users_email`, `users.trg`, `f(uuid)`. */
  name: string;
  /** The table it belongs to (itself for a table; empty for a function, domain, view or extension). */
  table: string;
  /**
   * What two databases must agree on: PostgreSQL's own rendering of the object. A table's
   * and a view's are lines of `property: value` (persistence, row-level security, replica
   * identity, owner, grants), so a change names the property that moved.
   */
  definition: string;
  /** Columns only. */
  column?: { type: string; notNull: boolean; default: string | null; collation: string | null; grants: string };
  /** Constraints: `c` check, `f` foreign key, `p` primary key, `u` unique, `x` exclusion. Indexes: `u` when unique. */
  subtype?: string;
}

/** Every object by `kind:name`. */
export type CatalogSnapshot = ReadonlyMap<string, CatalogEntry>;

const PUBLIC = "(SELECT oid FROM pg_namespace WHERE nspname = 'public')";

// The role that ran the migrations owns what they made: rendered as `migrator`, so a server
// migrated by `cutx_owner` agrees with the embedded database, migrated by `postgres`.
const MIGRATOR = `COALESCE((SELECT relowner FROM pg_class WHERE oid = to_regclass('cutx_migrate.migrations')),
                           (SELECT oid FROM pg_roles WHERE rolname = current_user))`;

function role(oid: string): string {
  return `(CASE WHEN ${oid} = 0 THEN 'PUBLIC' WHEN ${oid} = ${MIGRATOR} THEN 'migrator' ELSE pg_get_userbyid(${oid})::text END)`;
}

/**
 * Who may do what, one `grantee privilege` per entry, sorted; an ACL left at its default
 * (NULL) is read as that default, so `REVOKE` then `GRANT` back reads as no change.
 */
function grants(acl: string, defaultKind: string | null, owner: string): string {
  // A column's NULL is no grant at all; aclexplode refuses an empty array. MAINTAIN exists
  // from PostgreSQL 17 on (the embedded engine) and not in 15: an owner's default differs.
  const full = defaultKind === null ? acl : `COALESCE(${acl}, acldefault('${defaultKind}', ${owner}))`;
  return `CASE WHEN ${full} IS NULL THEN '' ELSE COALESCE((SELECT string_agg(g, ', ' ORDER BY g) FROM (
            SELECT ${role('e.grantee')} || ' ' || e.privilege_type || CASE WHEN e.is_grantable THEN '*' ELSE '' END AS g
              FROM aclexplode(${full}) e WHERE e.privilege_type <> 'MAINTAIN') x), '') END`;
}

const OWNED = (owner: string, acl: string, kind: string) =>
  `'owner: ' || ${role(owner)} || E'\\ngrants: ' || ${grants(acl, kind, owner)}`;

// Each query returns entries whole, so all a snapshot adds is the key.
const QUERIES: Record<CatalogKind, string> = {
  // Its version is the engine's build, not the schema's: only its presence is compared.
  extension: `SELECT extname AS name, '' AS table, 'schema: ' || extnamespace::regnamespace::text AS definition
                FROM pg_extension WHERE extname <> 'plpgsql'`,
  table: `
    SELECT c.relname AS name, c.relname AS table,
           'persistence: ' || CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE 'logged' END
           || E'\\nrow level security: ' || CASE WHEN c.relforcerowsecurity THEN 'forced'
                                                WHEN c.relrowsecurity THEN 'enabled' ELSE 'disabled' END
           || E'\\nreplica identity: ' || CASE c.relreplident WHEN 'd' THEN 'default' WHEN 'n' THEN 'nothing'
                WHEN 'f' THEN 'full' ELSE 'index ' || COALESCE((SELECT i.relname FROM pg_index x JOIN pg_class i
                  ON i.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident), '') END
           || E'\\n' || ${OWNED('c.relowner', 'c.relacl', 'r')} AS definition
      FROM pg_class c WHERE c.relnamespace = ${PUBLIC} AND c.relkind IN ('r', 'p')`,
  column: `
    SELECT c.relname || '.' || a.attname AS name, c.relname AS table,
           json_build_object('type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
                             'default', pg_get_expr(d.adbin, d.adrelid),
                             'collation', CASE WHEN a.attcollation <> t.typcollation THEN
                               (SELECT quote_ident(collname) FROM pg_collation WHERE oid = a.attcollation) END,
                             'grants', ${grants('a.attacl', null, 'c.relowner')}) AS column
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relnamespace = ${PUBLIC} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  // NOT NULL is a column's property here: PostgreSQL 18 also lists it as a constraint ('n'), 15 does not.
  constraint: `
    SELECT c.relname || '.' || k.conname AS name, c.relname AS table, k.contype::text AS subtype,
           pg_get_constraintdef(k.oid) AS definition
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     WHERE c.relnamespace = ${PUBLIC} AND k.contype IN ('c', 'f', 'p', 'u', 'x')`,
  index: `
    SELECT i.relname AS name, c.relname AS table, CASE WHEN x.indisunique THEN 'u' ELSE '' END AS subtype,
           pg_get_indexdef(x.indexrelid) || CASE WHEN x.indisvalid THEN '' ELSE ' (INVALID)' END AS definition
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
     WHERE c.relnamespace = ${PUBLIC}`,
  view: `
    SELECT c.relname AS name, '' AS table,
           CASE c.relkind WHEN 'm' THEN 'materialized ' ELSE '' END || 'query: ' || pg_get_viewdef(c.oid)
           || E'\\noptions: ' || COALESCE(array_to_string(c.reloptions, ', '), '')
           || E'\\n' || ${OWNED('c.relowner', 'c.relacl', 'r')} AS definition
      FROM pg_class c WHERE c.relnamespace = ${PUBLIC} AND c.relkind IN ('v', 'm')`,
  sequence: `
    SELECT c.relname AS name, COALESCE(o.relname, '') AS table,
           format('as: %s, start: %s, increment: %s, min: %s, max: %s, cache: %s, cycle: %s',
                  format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
           || E'\\npersistence: ' || CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE 'logged' END
           || E'\\n' || ${OWNED('c.relowner', 'c.relacl', 's')} AS definition
      FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid
      LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')
                           AND d.refclassid = 'pg_class'::regclass
      LEFT JOIN pg_class o ON o.oid = d.refobjid
     WHERE c.relnamespace = ${PUBLIC} AND c.relkind = 'S'`,
  domain: `
    SELECT t.typname AS name, '' AS table,
           format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
           || COALESCE(' DEFAULT ' || t.typdefault, '')
           || COALESCE((SELECT string_agg(E'\\nconstraint ' || k.conname || ': ' || pg_get_constraintdef(k.oid), ''
                                          ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid), '')
           || E'\\n' || ${OWNED('t.typowner', 't.typacl', 'T')} AS definition
      FROM pg_type t WHERE t.typnamespace = ${PUBLIC} AND t.typtype = 'd'`,
  policy: `
    SELECT c.relname || '.' || p.polname AS name, c.relname AS table,
           CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END
           || ' FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                       WHEN 'd' THEN 'DELETE' ELSE 'ALL' END
           || ' TO ' || (SELECT string_agg(${role('r')}, ', ' ORDER BY 1) FROM unnest(p.polroles) r)
           || COALESCE(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')
           || COALESCE(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '') AS definition
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = ${PUBLIC}`,
  rule: `
    SELECT c.relname || '.' || r.rulename AS name, c.relname AS table,
           pg_get_ruledef(r.oid) || CASE r.ev_enabled WHEN 'O' THEN '' WHEN 'D' THEN ' (DISABLED)'
                                    WHEN 'R' THEN ' (ENABLE REPLICA)' ELSE ' (ENABLE ALWAYS)' END AS definition
      FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
     WHERE c.relnamespace = ${PUBLIC} AND c.relkind IN ('r', 'p') AND r.rulename <> '_RETURN'`,
  // `R` fires only under session_replication_role = replica, `A` always, `D` never: each
  // changes what a write does, so the mode is part of the trigger.
  trigger: `
    SELECT c.relname || '.' || t.tgname AS name, c.relname AS table,
           pg_get_triggerdef(t.oid) || CASE t.tgenabled WHEN 'O' THEN '' WHEN 'D' THEN ' (DISABLED)'
                                       WHEN 'R' THEN ' (ENABLE REPLICA)' ELSE ' (ENABLE ALWAYS)' END AS definition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = ${PUBLIC} AND NOT t.tgisinternal`,
  // An extension's own functions (pg_trgm's) are the extension's version, not the schema's.
  function: `
    SELECT p.oid::regprocedure::text AS name, '' AS table,
           pg_get_functiondef(p.oid) || E'\\n-- ' || replace(${OWNED('p.proowner', 'p.proacl', 'f')}, E'\\n', E'\\n-- ')
             AS definition
      FROM pg_proc p
     WHERE p.pronamespace = ${PUBLIC} AND p.prokind IN ('f', 'p')
       AND NOT EXISTS (SELECT FROM pg_depend d
                        WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
};

/**
 * Reads every object of the `public` schema that old code can depend on, each as
 * PostgreSQL renders it, so two databases can be compared object by object: tables (with
 * persistence, row-level security, replica identity, owner and grants), columns (type,
 * nullability, default, collation, column grants), constraints, indexes (with predicate and
 * validity), views, sequences, domains with their constraints, policies, rules, triggers
 * (with their enable mode), functions (with owner and grants) and the database's extensions.
 * The compatibility gate and `status` both compare these snapshots.
 *
 * @example const live = await readCatalogSnapshot(client)
 */
export async function readCatalogSnapshot(client: SqlClient): Promise<CatalogSnapshot> {
  const snapshot = new Map<string, CatalogEntry>();
  for (const kind of CATALOG_KINDS) {
    const { rows } = await client.query<Omit<CatalogEntry, 'kind'>>(QUERIES[kind]);
    for (const row of rows) {
      const entry: CatalogEntry = { ...row, kind };
      if (entry.column !== undefined) entry.definition = columnDefinition(entry.column);
      snapshot.set(`${kind}:${entry.name}`, entry);
    }
  }
  return snapshot;
}

function columnDefinition(column: NonNullable<CatalogEntry['column']>): string {
  return [
    column.type,
    column.collation === null ? '' : `COLLATE ${column.collation}`,
    column.notNull ? 'NOT NULL' : 'NULL',
    column.default === null ? '' : `DEFAULT ${column.default}`,
    column.grants === '' ? '' : `(grants: ${column.grants})`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** One object that two snapshots disagree on: absent from one side, or defined differently. */
export interface CatalogDifference {
  kind: CatalogKind;
  name: string;
  /** The object in the first snapshot (the expected one); absent when only the second has it. */
  before?: CatalogEntry;
  /** The object in the second snapshot; absent when it is missing there. */
  after?: CatalogEntry;
}

/**
 * Every object on which `before` and `after` disagree, ordered by kind and name.
 *
 * @example diffCatalogSnapshots(canonical, live) // [{ kind: 'index', name: 'idx_users_email', before: {...} }]
 */
export function diffCatalogSnapshots(before: CatalogSnapshot, after: CatalogSnapshot): CatalogDifference[] {
  const differences: CatalogDifference[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key);
    const is = after.get(key);
    if (was?.definition === is?.definition) continue;
    const entry = (was ?? is) as CatalogEntry;
    differences.push({
      kind: entry.kind,
      name: entry.name,
      ...(was === undefined ? {} : { before: was }),
      ...(is === undefined ? {} : { after: is }),
    });
  }
  return differences.sort(
    (a, b) => CATALOG_KINDS.indexOf(a.kind) - CATALOG_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
}
