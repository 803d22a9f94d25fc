import { z } from 'zod';
import type { SqlClient } from '../db/sql-client.js';
import type { TableDef } from './define-table.js';
import { tables } from './tables.js';

interface CatalogColumn {
  table: string;
  column: string;
  type: string;
  not_null: boolean;
  has_default: boolean;
}

const CATALOG = `
SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, a.atthasdef AS has_default
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY c.relname, a.attnum`;

/** The object shapes a row or insert schema is made of (one per variant of a union). */
function shapes(schema: z.ZodType): Record<string, z.ZodType>[] {
  if (schema instanceof z.ZodObject) return [schema.shape];
  if (schema instanceof z.ZodDiscriminatedUnion) return schema.options.flatMap((option) => shapes(option as z.ZodType));
  return [];
}

function diffTable(def: TableDef, catalog: CatalogColumn[]): string[] {
  const differences: string[] = [];
  const seen = new Set(catalog.map((column) => column.column));
  for (const name of Object.keys(def.columns)) {
    if (!seen.has(name)) differences.push(`${def.name}.${name}: described but not in the database`);
  }
  const rowShapes = shapes(def.row);
  const insertShapes = shapes(def.insert);
  for (const actual of catalog) {
    const where = `${def.name}.${actual.column}`;
    const column = def.columns[actual.column];
    if (column === undefined) {
      differences.push(`${where}: in the database but not described`);
      continue;
    }
    if (column.sqlType !== actual.type)
      differences.push(`${where}: type ${column.sqlType}, database has ${actual.type}`);
    if (column.isNullable === actual.not_null) {
      differences.push(`${where}: described ${column.isNullable ? 'nullable' : 'NOT NULL'}, database disagrees`);
    }
    if (column.hasDefault !== actual.has_default) {
      differences.push(`${where}: described ${column.hasDefault ? 'with' : 'without'} a default, database disagrees`);
    }
    // The zod schemas themselves, not only the declaration they were built from.
    for (const shape of rowShapes) {
      const field = shape[actual.column];
      if (field === undefined) differences.push(`${where}: missing from the row schema`);
      else if (field.safeParse(null).success === actual.not_null) {
        differences.push(`${where}: row schema ${actual.not_null ? 'accepts' : 'refuses'} null`);
      }
    }
    for (const shape of insertShapes) {
      const field = shape[actual.column];
      const required = actual.not_null && !actual.has_default;
      if (field === undefined) differences.push(`${where}: missing from the insert schema`);
      else if (required && field.safeParse(undefined).success) {
        differences.push(`${where}: insert schema lets out a column the database requires`);
      }
    }
  }
  return differences;
}

/**
 * Compares table descriptions with the catalog of a migrated database: tables, columns,
 * types, nullability and defaults, checked on the zod schemas themselves. Returns the
 * differences as sentences; an empty list means the two agree.
 *
 * @example expect(await diffCatalog(db)).toEqual([])
 */
export async function diffCatalog(
  client: SqlClient,
  defs: readonly TableDef[] = Object.values(tables),
): Promise<string[]> {
  const { rows } = await client.query<CatalogColumn>(CATALOG);
  const byTable = new Map<string, CatalogColumn[]>();
  for (const row of rows) {
    const columns = byTable.get(row.table) ?? [];
    byTable.set(row.table, columns);
    columns.push(row);
  }
  const differences: string[] = [];
  for (const table of byTable.keys()) {
    if (!defs.some((def) => def.name === table)) differences.push(`${table}: in the database but not described`);
  }
  for (const def of defs) {
    const catalog = byTable.get(def.name);
    if (catalog === undefined) differences.push(`${def.name}: described but not in the database`);
    else differences.push(...diffTable(def, catalog));
  }
  return differences;
}
