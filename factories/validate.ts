import { z } from 'zod';
import { CutxDbError } from '../src/db/errors.js';
import type { TableDef } from '../src/rows/define-table.js';

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
  throw new CutxDbError('invalid_input', `${table}.${field}: ${what} (factory seed ${seed}).`, {
    table,
    column: field,
    cause: result.error,
  });
}

const partials = new WeakMap<TableDef, z.ZodType | null>();

/**
 * The insert schema with every column optional, strict still: what a factory checks the
 * columns a caller sets against. Null where the insert schema is a union of row shapes
 * (generation_jobs, by job type), whose columns are only valid together.
 */
export function overridesSchema(def: TableDef): z.ZodType | null {
  let schema = partials.get(def);
  if (schema === undefined) {
    schema = def.insert instanceof z.ZodObject ? def.insert.partial() : null;
    partials.set(def, schema);
  }
  return schema;
}
