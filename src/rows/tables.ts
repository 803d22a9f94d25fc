import { z } from 'zod';
import { insertSchema, readSchema } from './column-schemas.js';
import { metadata } from './generated/metadata.js';
import { inputParams, jsonColumns } from './json-shapes.js';
import type { JsInput, JsValue } from './pg-types.js';
import type { ColumnMetadata, SchemaMetadata } from './schema-metadata.js';

type Tables = typeof metadata.tables;

/** A table's SQL name. */
export type TableName = keyof Tables;

/** Every table's name, in foreign-key order (each after the tables it references). */
export const tableNames = Object.keys(metadata.tables) as TableName[];

type ColumnsOf<T extends TableName> = Tables[T]['columns'];
/** The hand-written zod schemas of table `T`'s typed JSONB columns. */
type TypedOf<T> = T extends keyof typeof jsonColumns ? (typeof jsonColumns)[T] : Record<never, never>;

/** A column's value: its typed JSON shape, its closed list, or its type's JS value. */
type Value<C, Typed, Js extends 'read' | 'input'> = [Typed] extends [never]
  ? Untyped<C, Js>
  : Typed extends z.ZodType
    ? Js extends 'read'
      ? z.output<Typed>
      : z.input<Typed>
    : Untyped<C, Js>;
type Untyped<C, Js extends 'read' | 'input'> = C extends { bounds: { values: readonly (infer V)[] } }
  ? V
  : C extends { baseType: infer B extends string }
    ? Js extends 'read'
      ? JsValue<B>
      : JsInput<B>
    : never;
type OrNull<C, V> = C extends { nullable: true } ? V | null : V;
type Schema<V> = z.ZodType<V, V>;

type RowShape<Columns, Typed> = {
  [K in keyof Columns]: z.ZodType<OrNull<Columns[K], Value<Columns[K], Typed[K & keyof Typed], 'read'>>>;
};
type InsertShape<Columns, Typed> = {
  [K in keyof Columns]: Columns[K] extends { nullable: false; filledBy: null }
    ? Schema<Value<Columns[K], Typed[K & keyof Typed], 'input'>>
    : z.ZodOptional<Schema<OrNull<Columns[K], Value<Columns[K], Typed[K & keyof Typed], 'input'>>>>;
};

/** A table's metadata with the zod schemas of its row as read and of an insert into it. */
export interface TableDef<
  Name extends string = string,
  Row extends z.ZodType = z.ZodType,
  Insert extends z.ZodType = z.ZodType,
> {
  readonly name: Name;
  readonly columns: Readonly<Record<string, ColumnMetadata>>;
  readonly row: Row;
  readonly insert: Insert;
}

type GenericDef<T extends TableName> = TableDef<
  T,
  z.ZodObject<RowShape<ColumnsOf<T>, TypedOf<T>>, z.core.$strip>,
  z.ZodObject<InsertShape<ColumnsOf<T>, TypedOf<T>>, z.core.$strict>
> & { readonly columns: ColumnsOf<T> };

/** The row (unknown fields stripped) and strict insert schemas of one table, from its metadata. */
function tableDef(name: string, columns: Readonly<Record<string, ColumnMetadata>>): TableDef {
  const typed: Record<string, z.ZodType> = (jsonColumns as Record<string, Record<string, z.ZodType>>)[name] ?? {};
  const row: Record<string, z.ZodType> = {};
  const insert: Record<string, z.ZodType> = {};
  for (const [column, meta] of Object.entries(columns)) {
    row[column] = readSchema(meta, `${name}.${column}`, typed[column]);
    insert[column] = insertSchema(meta, `${name}.${column}`, typed[column]);
  }
  return { name, columns, row: z.object(row), insert: z.strictObject(insert) };
}

/**
 * Every table's definition built from `schema` (this package's generated metadata, or
 * another schema's, as codegen reads it), untyped: `tables` is the typed one.
 */
export function tableDefs(schema: SchemaMetadata): Record<string, TableDef> {
  return Object.fromEntries(
    Object.entries(schema.tables).map(([name, table]) => [name, tableDef(name, table.columns)]),
  );
}

// input_params is required on insert: the column's '{}' default is no valid input for any
// job type, so a job always says what it was asked to make.
// Generic over the shape, not over the two schemas: a parameter constrained to their union
// would type every row as the union of both, with `id` and defaulted columns optional.
function byJobType<Shape extends z.ZodRawShape>(base: z.ZodObject<Shape>) {
  return z.discriminatedUnion('type', [
    base.extend({ type: z.literal('copy'), input_params: inputParams.copy }),
    base.extend({ type: z.literal('static_ad'), input_params: inputParams.static_ad }),
    base.extend({ type: z.literal('ugc_video'), input_params: inputParams.ugc_video }),
    base.extend({ type: z.literal('tts'), input_params: inputParams.tts }),
    base.extend({ type: z.literal('product_photo'), input_params: inputParams.product_photo }),
  ]);
}

const generic = tableDefs(metadata) as unknown as { [T in TableName]: GenericDef<T> };

/**
 * Every table of the schema by its SQL name, in foreign-key order: its metadata and the zod
 * schemas of a row as read and of an insert, all derived from the generated metadata. Rows
 * of generation_jobs are a union discriminated by `type`, which fixes `input_params`.
 */
export const tables = {
  ...generic,
  generation_jobs: {
    ...generic.generation_jobs,
    row: byJobType(generic.generation_jobs.row),
    insert: byJobType(generic.generation_jobs.insert),
  },
};

/** A row of table `T` as read back from the database and parsed. */
export type Row<T extends TableName> = z.output<(typeof tables)[T]['row']>;

/** What an insert into table `T` accepts (nullable and database-filled columns are optional). */
export type Insert<T extends TableName> = z.input<(typeof tables)[T]['insert']>;
