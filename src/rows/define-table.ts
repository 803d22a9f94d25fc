import { z } from 'zod';
import type { Column } from './column.js';

/** A table's columns by name. */
export type Columns = Record<string, Column>;

type RowShape<C extends Columns> = {
  [K in keyof C]: C[K] extends Column<infer R, z.ZodType, infer N, boolean>
    ? N extends true
      ? z.ZodNullable<R>
      : R
    : never;
};

type InsertShape<C extends Columns> = {
  [K in keyof C]: C[K] extends Column<z.ZodType, infer W, infer N, infer D>
    ? N extends true
      ? z.ZodOptional<z.ZodNullable<W>>
      : D extends true
        ? z.ZodOptional<W>
        : W
    : never;
};

/**
 * A table described once: its columns (compared with the migrated catalog by
 * `diffCatalog`), the zod schema of a row as read back, and the strict schema of an insert
 * (unknown fields are refused; nullable and defaulted columns may be left out).
 */
export interface TableDef<
  Name extends string = string,
  C extends Columns = Columns,
  Row extends z.ZodType = z.ZodType,
  Insert extends z.ZodType = z.ZodType,
> {
  readonly name: Name;
  readonly columns: C;
  readonly row: Row;
  readonly insert: Insert;
}

/** The row and insert object schemas that `defineTable` derives from columns. */
export type RowObject<C extends Columns> = z.ZodObject<RowShape<C>, z.core.$strip>;
export type InsertObject<C extends Columns> = z.ZodObject<InsertShape<C>, z.core.$strict>;

/**
 * Describes a table from its columns.
 *
 * @example const projects = defineTable('projects', { id: id(), name: c.text({ min: 1 }) })
 */
export function defineTable<Name extends string, C extends Columns>(
  name: Name,
  columns: C,
): TableDef<Name, C, RowObject<C>, InsertObject<C>> {
  const row: Record<string, z.ZodType> = {};
  const insert: Record<string, z.ZodType> = {};
  for (const [key, column] of Object.entries(columns)) {
    row[key] = column.isNullable ? column.read.nullable() : column.read;
    insert[key] = column.isNullable
      ? column.write.nullable().optional()
      : column.hasDefault
        ? column.write.optional()
        : column.write;
  }
  return {
    name,
    columns,
    row: z.object(row) as RowObject<C>,
    insert: z.strictObject(insert) as InsertObject<C>,
  };
}
