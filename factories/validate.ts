import type { z } from 'zod';
import { CutxDbError } from '../src/db/errors.js';

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
