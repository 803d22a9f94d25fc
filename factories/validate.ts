import { z } from 'zod';
import { CutxDbError } from '../src/db/errors.js';
import type { TableDef } from '../src/rows/tables.js';

type Values = Record<string, unknown>;

/** The 'invalid_input' error naming the table, the field and the factory set's seed. */
export const invalidInput = (table: string, field: string, what: string | undefined, seed: number, cause?: unknown) =>
  new CutxDbError('invalid_input', `${table}.${field}: ${what} (factory seed ${seed}).`, {
    table,
    column: field,
    ...(cause === undefined ? {} : { cause }),
  });

/**
 * Parses a value with a table's schema, turning a failure into a CutxDbError
 * ('invalid_input') that names the table, the field and the factory set's seed.
 */
export function parseRow<S extends z.ZodType>(schema: S, value: unknown, table: string, seed: number): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const field = [...(issue?.path ?? []), ...keys].join('.') || '(row)';
  const what = issue?.code === 'unrecognized_keys' ? 'is not a column of this table' : issue?.message;
  throw invalidInput(table, field, what, seed, result.error);
}

/**
 * The insert schema's columns, each checked on its own: what a factory checks the columns a
 * caller sets against. Null where the insert schema is a union of row shapes
 * (generation_jobs, by job type), whose columns are only valid together.
 */
export function columnSchemas(def: TableDef): Readonly<Record<string, z.ZodType>> | null {
  return def.insert instanceof z.ZodObject ? (def.insert.shape as Record<string, z.ZodType>) : null;
}

/**
 * Parses the columns a caller set, each with its own schema, as the strict insert schema
 * would: an unknown column is refused. Column by column rather than with that schema made
 * partial, which walks every column of the table on each parse and compiles itself on its
 * first: a seed checks thousands of overrides objects of a few columns each, so the work
 * should grow with the columns set, not with the table.
 */
export function parseColumns(
  schemas: Readonly<Record<string, z.ZodType>>,
  columns: Values,
  table: string,
  seed: number,
): Values {
  const parsed: Values = {};
  for (const column in columns) {
    const schema = Object.hasOwn(schemas, column) ? schemas[column] : undefined;
    if (schema === undefined) throw invalidInput(table, column, 'is not a column of this table', seed);
    // Left out, as the partial schema would take it.
    if (columns[column] === undefined) {
      parsed[column] = undefined;
      continue;
    }
    const result = schema.safeParse(columns[column]);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw invalidInput(table, [column, ...(issue?.path ?? [])].join('.'), issue?.message, seed, result.error);
    }
    parsed[column] = result.data;
  }
  return parsed;
}

/**
 * Where a value holds an own "__proto__" key (JSON.parse makes them), as a path below it, or
 * undefined. Copying such an object by assignment, as zod and spreads do, sets a prototype
 * instead of keeping the key, so the key would be lost or worse.
 */
export function ownProtoPath(value: unknown): string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Object.hasOwn(value, '__proto__')) return ['__proto__'];
  for (const [key, inner] of Object.entries(value)) {
    const below = ownProtoPath(inner);
    if (below !== undefined) return [key, ...below];
  }
  return undefined;
}
