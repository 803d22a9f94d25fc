import type { SqlClient } from '../../src/db/sql-client.js';

/** Reads of the migrated catalog that the contract tests compare with the spec. */

export async function publicTables(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

export async function tablesWithColumn(db: SqlClient, column: string): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = $1 ORDER BY table_name`,
    [column],
  );
  return rows.map((row) => row.table_name);
}

/** Tables with a BEFORE UPDATE row trigger that runs set_updated_at(). */
export async function tablesWithUpdatedAtTrigger(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT DISTINCT c.relname AS table_name
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE NOT t.tgisinternal AND p.proname = 'set_updated_at'
        AND t.tgtype & 2 = 2 AND t.tgtype & 16 = 16 AND t.tgtype & 1 = 1 -- BEFORE, UPDATE, ROW
        AND t.tgenabled <> 'D'
      ORDER BY 1`,
  );
  return rows.map((row) => row.table_name);
}

export interface IndexInfo {
  name: string;
  table: string;
  method: string;
  unique: boolean;
  /** Key expressions as PostgreSQL prints them, with the operator class where not default. */
  keys: string[];
  /** The WHERE of a partial index, as PostgreSQL prints it; null for a whole-table index. */
  predicate: string | null;
}

export async function indexes(db: SqlClient): Promise<IndexInfo[]> {
  const { rows } = await db.query<IndexInfo>(
    `SELECT i.relname AS name, t.relname AS table, am.amname AS method, x.indisunique AS unique,
            array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k) AS keys,
            pg_get_expr(x.indpred, x.indrelid, true) AS predicate
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = 'public'
      ORDER BY i.relname`,
  );
  return rows;
}

/** Every index of `public` as pg_get_indexdef prints it (the statement that would create it), by name. */
export async function indexDefinitions(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query<{ definition: string }>(
    `SELECT pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE n.nspname = 'public' ORDER BY i.relname`,
  );
  return rows.map((row) => row.definition);
}

/** The operator class of each key of an index, e.g. gin_trgm_ops. */
export async function indexOperatorClasses(db: SqlClient, indexName: string): Promise<string[]> {
  const { rows } = await db.query<{ opcname: string }>(
    `SELECT oc.opcname FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       CROSS JOIN LATERAL unnest(x.indclass) WITH ORDINALITY AS k(opclass, n)
       JOIN pg_opclass oc ON oc.oid = k.opclass
      WHERE i.relname = $1 ORDER BY k.n`,
    [indexName],
  );
  return rows.map((row) => row.opcname);
}

export interface ForeignKey {
  table: string;
  columns: string[];
  references: string;
  onDelete: 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';
}

const ON_DELETE: Record<string, ForeignKey['onDelete']> = {
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
  r: 'RESTRICT',
  a: 'NO ACTION',
};

export async function foreignKeys(db: SqlClient): Promise<ForeignKey[]> {
  const { rows } = await db.query<{ table: string; columns: string[]; references: string; confdeltype: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS references, c.confdeltype,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'
      ORDER BY 1, 3`,
  );
  return rows.map(({ confdeltype, ...fk }) => ({ ...fk, onDelete: ON_DELETE[confdeltype] ?? 'NO ACTION' }));
}

export interface PrimaryKey {
  table: string;
  columns: string[];
  type: string;
  hasDefault: boolean;
}

/** Every public table with its primary key (columns empty where it has none). */
export async function primaryKeys(db: SqlClient): Promise<PrimaryKey[]> {
  const { rows } = await db.query<PrimaryKey>(
    `SELECT t.relname AS table,
            coalesce(array(SELECT a.attname::text FROM unnest(c.conkey) k(attnum)
                             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), '{}') AS columns,
            coalesce((SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                       WHERE a.attrelid = t.oid AND a.attnum = c.conkey[1]), '') AS type,
            coalesce((SELECT a.atthasdef FROM pg_attribute a
                       WHERE a.attrelid = t.oid AND a.attnum = c.conkey[1]), false) AS "hasDefault"
       FROM pg_class t
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_constraint c ON c.conrelid = t.oid AND c.contype = 'p'
      WHERE n.nspname = 'public' AND t.relkind = 'r'
      ORDER BY 1`,
  );
  return rows;
}

export interface CheckConstraint {
  table: string;
  name: string;
  definition: string;
}

export async function checkConstraints(db: SqlClient): Promise<CheckConstraint[]> {
  const { rows } = await db.query<CheckConstraint>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'c' AND n.nspname = 'public' AND c.conrelid <> 0
      ORDER BY 1, 2`,
  );
  return rows;
}
