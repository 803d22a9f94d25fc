import type { Selectable } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CamelCase } from '../../factories/traits.js';
import * as drizzle from '../../src/drizzle/index.js';
import type { Database } from '../../src/kysely/index.js';
import type { Json } from '../../src/rows/generated/kysely.js';
import type { jsonColumns } from '../../src/rows/json-shapes.js';
import { type Row, type TableName, tableNames } from '../../src/rows/tables.js';

/**
 * The JSONB columns zod types by their shape (json-shapes.ts), which Kysely and Drizzle
 * leave as any JSON: compared apart, below.
 */
type ShapedColumn<T> =
  | (T extends keyof typeof jsonColumns ? keyof (typeof jsonColumns)[T] : never)
  | (T extends 'generation_jobs' ? 'input_params' : never);

type DrizzleRow<T extends TableName> = (typeof drizzle)[CamelCase<T> & keyof typeof drizzle] extends {
  $inferSelect: infer R;
}
  ? R
  : never;

/** Each table's row type, from zod (`Row`), from the Kysely `Database`, and from its Drizzle table. */
type ZodRows = { [T in TableName]: Omit<Row<T>, ShapedColumn<T>> };
type KyselyRows = { [T in TableName]: Omit<Selectable<Database[T]>, ShapedColumn<T>> };
type DrizzleRows = { [T in TableName]: Omit<DrizzleRow<T>, ShapedColumn<T>> };

/** The shaped columns' types in Kysely and Drizzle: any JSON, or null where the column is nullable. */
type ShapedAsJson<Rows extends { [T in TableName]: unknown }> = {
  [T in TableName]: { [K in ShapedColumn<T> & keyof Rows[T]]: Rows[T][K] };
};
type AnyJson = { [T in TableName]: { [K in ShapedColumn<T>]: Json } };

describe('the row types of zod, Kysely and Drizzle', () => {
  it('agree column by column for every table of the generated list', () => {
    // Mapped over TableName, so a new table is checked without being listed here; a table
    // missing from one of them makes its row `never` there, and `npm run typecheck` fails.
    expectTypeOf<KyselyRows>().toEqualTypeOf<ZodRows>();
    expectTypeOf<DrizzleRows>().toEqualTypeOf<ZodRows>();
    expectTypeOf<ShapedAsJson<{ [T in TableName]: Selectable<Database[T]> }>>().toEqualTypeOf<AnyJson>();
    expectTypeOf<ShapedAsJson<{ [T in TableName]: DrizzleRow<T> }>>().toEqualTypeOf<AnyJson>();
    const withDrizzleTable = tableNames.filter((table) => {
      const key = table.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
      return key in drizzle;
    });
    expect(withDrizzleTable).toEqual(tableNames);
  });
});
