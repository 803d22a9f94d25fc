import fc from 'fast-check';
import type { Insert, TableName } from '../src/rows/tables.js';
import { tables } from '../src/rows/tables.js';
import { anyInstant, type Gen } from './column-generators.js';
import type { FactorySpec } from './define-factory.js';
import { factorySpecs } from './specs.js';

type SpecTable<S> = S extends { readonly table: infer T extends TableName } ? T : never;

/**
 * A shrinkable arbitrary of valid insert rows for the table a spec describes, from the same
 * generators and `derive` as its factory. Rows satisfy the table's CHECKs; foreign keys are
 * arbitrary uuids (point them at real parents before inserting), and unique columns are
 * not unique across samples (use fc.uniqueArray with a selector when a test needs that).
 */
export function arbitraryOf<T extends TableName>(spec: FactorySpec<T, string, never>): fc.Arbitrary<Insert<T>> {
  const def = tables[spec.table];
  const fields: Record<string, fc.Arbitrary<unknown>> = { id: fc.uuid() };
  if ('created_at' in def.columns) fields.created_at = anyInstant;
  for (const parent of spec.parents) {
    fields[parent.column] = parent.optional ? fc.option(fc.uuid()) : fc.uuid();
  }
  for (const [column, gen] of Object.entries(spec.gens as Record<string, Gen<unknown> | undefined>)) {
    if (gen) fields[column] = gen.arbitrary;
  }
  return fc.record(fields).map((drawn) => {
    const row: Record<string, unknown> = { ...drawn };
    if ('updated_at' in def.columns) row.updated_at = row.created_at;
    Object.assign(row, spec.derive?.(row as Insert<T>));
    return def.insert.parse(row) as Insert<T>;
  });
}

type Specs = typeof factorySpecs;

/**
 * Arbitraries of valid insert rows for every table, keyed like the factories. Each is built
 * on first use: constructing all of them costs about a second, which importing the
 * factories (and so the CLI) should not pay.
 */
export const arbitraries = Object.defineProperties(
  {},
  Object.fromEntries(
    Object.entries(factorySpecs).map(([key, spec]) => {
      let built: fc.Arbitrary<unknown> | undefined;
      const get = () => {
        built ??= arbitraryOf(spec as FactorySpec<TableName, string, never>);
        return built;
      };
      return [key, { enumerable: true, get }];
    }),
  ),
) as { readonly [K in keyof Specs]: fc.Arbitrary<Insert<SpecTable<Specs[K]>>> };
