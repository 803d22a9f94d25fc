import { CutxDbError } from '../../src/db/errors.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import type {
  CheckMetadata,
  ColumnMetadata,
  DomainMetadata,
  FilledBy,
  ForeignKeyMetadata,
  OnDelete,
  SchemaMetadata,
  TableMetadata,
  UniqueKeyMetadata,
} from '../../src/rows/schema-metadata.js';
import { type Bounds, readCheckBounds } from './check-bounds.js';
import { foreignKeyOrder } from './foreign-key-order.js';

// Every query reads the `public` schema only: the migration table lives outside it.
const COLUMNS = `
SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
       format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) AS base_type,
       NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default,
       a.attidentity <> '' AS identity, a.attgenerated <> '' AS generated
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY c.relname, a.attnum`;

const CHECKS = `
SELECT c.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS definition,
       ARRAY(SELECT a.attname::text FROM pg_attribute a
              WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey) ORDER BY a.attnum) AS columns
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
 WHERE con.contype = 'c' AND c.relnamespace = 'public'::regnamespace
 ORDER BY c.relname, con.conname`;

const DOMAINS = `
SELECT t.typname AS domain, format_type(t.typbasetype, t.typtypmod) AS base_type,
       ARRAY(SELECT pg_get_constraintdef(con.oid) FROM pg_constraint con
              WHERE con.contypid = t.oid AND con.contype = 'c' ORDER BY con.conname) AS checks
  FROM pg_type t
 WHERE t.typtype = 'd' AND t.typnamespace = 'public'::regnamespace
 ORDER BY t.typname`;

const INDEXES = `
SELECT c.relname AS table, i.relname AS name, x.indisprimary AS primary,
       ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS keys,
       pg_get_expr(x.indpred, x.indrelid) AS where
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class c ON c.oid = x.indrelid
 WHERE x.indisunique AND c.relnamespace = 'public'::regnamespace
 ORDER BY c.relname, i.relname`;

const FOREIGN_KEYS = `
SELECT c.relname AS table, con.conname AS name, r.relname AS references, con.confdeltype AS on_delete,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS referenced
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_class r ON r.oid = con.confrelid
 WHERE con.contype = 'f' AND c.relnamespace = 'public'::regnamespace
 ORDER BY c.relname, con.conname`;

// tgtype bits: 1 row, 2 before, 4 insert, 16 update.
const TRIGGERS = `
SELECT c.relname AS table, t.tgname AS name, (t.tgtype & 1) <> 0 AND (t.tgtype & 2) <> 0 AS before_row,
       (t.tgtype & 4) <> 0 AS on_insert, (t.tgtype & 16) <> 0 AS on_update, p.prosrc AS source
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_proc p ON p.oid = t.tgfoid
 WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace
 ORDER BY c.relname, t.tgname`;

const ON_DELETE: Record<string, OnDelete> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

interface ColumnRow {
  table: string;
  column: string;
  type: string;
  base_type: string;
  nullable: boolean;
  default: string | null;
  identity: boolean;
  generated: boolean;
}
interface CheckRow {
  table: string;
  name: string;
  definition: string;
  columns: string[];
}
interface DomainRow {
  domain: string;
  base_type: string;
  checks: string[];
}
interface IndexRow {
  table: string;
  name: string;
  primary: boolean;
  keys: string[];
  where: string | null;
}
interface ForeignKeyRow {
  table: string;
  name: string;
  references: string;
  on_delete: string;
  columns: string[];
  referenced: string[];
}
interface TriggerRow {
  table: string;
  name: string;
  before_row: boolean;
  on_insert: boolean;
  on_update: boolean;
  source: string;
}

interface TableParts {
  columns: Record<string, ColumnMetadata & { bounds: Bounds; filledBy: FilledBy | null }>;
  primaryKey: string[];
  uniqueKeys: UniqueKeyMetadata[];
  foreignKeys: ForeignKeyMetadata[];
  checks: CheckMetadata[];
  updatedAtTrigger: string | null;
  beforeInsertTriggers: string[];
}

// PL/pgSQL assigns with `:=`, or with `=` where a statement starts (elsewhere `=` compares),
// or with `INTO` (SELECT ... INTO, RETURNING ... INTO).
const ASSIGNMENT =
  /\bNEW\.(\w+)\s*:=|(?:^|;|\bBEGIN|\bTHEN|\bELSE|\bLOOP)\s*NEW\.(\w+)\s*=(?!=)|\bINTO\s+NEW\.(\w+)/gim;

/** The columns of NEW that a trigger function assigns. */
function assignedColumns(source: string): Set<string> {
  const assigned = new Set<string>();
  for (const match of source.matchAll(ASSIGNMENT)) {
    assigned.add((match[1] ?? match[2] ?? match[3] ?? '').toLowerCase());
  }
  return assigned;
}

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replaceAll('""', '"') : identifier;
}

/** The columns an index key element reads: itself, or those an expression names. */
function keyColumns(key: string, columns: readonly string[]): string[] {
  if (columns.includes(unquote(key))) return [unquote(key)];
  return columns.filter((column) => new RegExp(`(^|[^\\w"])"?${column}"?([^\\w"]|$)`).test(key));
}

async function readDomains(client: SqlClient): Promise<Record<string, DomainMetadata>> {
  const { rows } = await client.query<DomainRow>(DOMAINS);
  const domains: Record<string, DomainMetadata> = {};
  for (const row of rows) {
    const bounds: Bounds = {};
    for (const check of row.checks) readCheckBounds(check, 'VALUE', row.base_type, bounds);
    domains[row.domain] = { baseType: row.base_type, bounds };
  }
  return domains;
}

type Tables = Map<string, TableParts>;

const emptyTable = (): TableParts => ({
  columns: {},
  primaryKey: [],
  uniqueKeys: [],
  foreignKeys: [],
  checks: [],
  updatedAtTrigger: null,
  beforeInsertTriggers: [],
});

/** The table a catalog row names; every table was seen with its columns first. */
function tableOf(tables: Tables, name: string): TableParts {
  const parts = tables.get(name);
  if (parts === undefined) throw new CutxDbError('database_error', `The catalog names an unknown table ${name}.`);
  return parts;
}

async function readColumns(client: SqlClient, domains: Record<string, DomainMetadata>): Promise<Tables> {
  const tables: Tables = new Map();
  for (const row of (await client.query<ColumnRow>(COLUMNS)).rows) {
    if (!tables.has(row.table)) tables.set(row.table, emptyTable());
    const filledBy: FilledBy | null = row.generated
      ? 'generated'
      : row.identity
        ? 'identity'
        : row.default !== null
          ? 'default'
          : null;
    tableOf(tables, row.table).columns[row.column] = {
      type: row.type,
      baseType: row.base_type,
      nullable: row.nullable,
      default: row.generated ? null : row.default,
      filledBy,
      bounds: { ...domains[row.type]?.bounds },
    };
  }
  return tables;
}

async function readChecks(client: SqlClient, tables: Tables): Promise<void> {
  for (const row of (await client.query<CheckRow>(CHECKS)).rows) {
    const { columns, checks } = tableOf(tables, row.table);
    const column = row.columns.length === 1 ? columns[row.columns[0] as string] : undefined;
    const simple =
      column !== undefined && readCheckBounds(row.definition, row.columns[0] as string, column.baseType, column.bounds);
    checks.push({ name: row.name, columns: row.columns, definition: row.definition, simple });
  }
}

async function readKeys(client: SqlClient, tables: Tables): Promise<void> {
  for (const row of (await client.query<IndexRow>(INDEXES)).rows) {
    const parts = tableOf(tables, row.table);
    const names = Object.keys(parts.columns);
    if (row.primary) {
      parts.primaryKey = row.keys.map(unquote);
      continue;
    }
    const columns = names.filter((name) => row.keys.some((key) => keyColumns(key, names).includes(name)));
    parts.uniqueKeys.push({ name: row.name, keys: row.keys, columns, where: row.where });
  }
  for (const row of (await client.query<ForeignKeyRow>(FOREIGN_KEYS)).rows) {
    tableOf(tables, row.table).foreignKeys.push({
      name: row.name,
      columns: row.columns,
      references: row.references,
      referencedColumns: row.referenced,
      onDelete: ON_DELETE[row.on_delete] ?? 'no action',
    });
  }
}

/** The updated_at trigger, and the BEFORE INSERT triggers with the columns they fill. */
async function readTriggers(client: SqlClient, tables: Tables): Promise<void> {
  for (const row of (await client.query<TriggerRow>(TRIGGERS)).rows) {
    if (!row.before_row) continue;
    const parts = tableOf(tables, row.table);
    const assigned = assignedColumns(row.source);
    if (row.on_update && assigned.has('updated_at') && parts.updatedAtTrigger === null) {
      parts.updatedAtTrigger = row.name;
    }
    if (row.on_insert) {
      parts.beforeInsertTriggers.push(row.name);
      for (const [name, column] of Object.entries(parts.columns)) {
        if (assigned.has(name) && column.filledBy !== 'generated') column.filledBy = 'trigger';
      }
    }
  }
}

/**
 * Reads the schema's metadata from the catalog of a migrated database: the facts every
 * other part of the package derives from. Deterministic: everything is sorted.
 *
 * @example const metadata = await readMetadata(db)
 */
export async function readMetadata(client: SqlClient): Promise<SchemaMetadata> {
  const domains = await readDomains(client);
  const tables = await readColumns(client, domains);
  await readChecks(client, tables);
  await readKeys(client, tables);
  await readTriggers(client, tables);
  const order = foreignKeyOrder(
    [...tables.keys()],
    [...tables].flatMap(([name, parts]) => parts.foreignKeys.map((fk) => ({ table: name, references: fk.references }))),
  );
  const sorted: Record<string, TableMetadata> = {};
  for (const [index, name] of order.entries()) sorted[name] = { order: index, ...tableOf(tables, name) };
  return { tables: sorted, domains };
}
