import type { SqlClient } from '../src/db/sql-client.js';
import type { TableName } from '../src/rows/tables.js';
import type { FactorySpec, TraitSpec } from './define-factory.js';
import { Session } from './session.js';
import { factorySpecs } from './specs.js';
import { type Factory, makeFactory } from './table-factory.js';

export { arbitraries } from './arbitraries.js';
export type { Factory, Overrides, TableFactory } from './table-factory.js';

type Specs = typeof factorySpecs;
type FactoryOf<S> = S extends FactorySpec<infer T, infer P, infer Tr> ? Factory<T, P, Tr> : never;

/** Every table's factory, keyed by the table's name in camelCase (`f.generationJobs`). */
export type FactorySet = { readonly [K in keyof Specs]: FactoryOf<Specs[K]> };

export interface CreateFactoriesOptions {
  /** Same seed, same rows (ids and timestamps included); printed in every factory error. */
  seed: number;
}

type AnySpec = FactorySpec<TableName, string, Record<string, (...args: never[]) => TraitSpec<TableName>>>;

/**
 * Factories for every table, writing through `client` (PGlite, or `fromPg` for a pg client).
 *
 * @example const f = createFactories(db, { seed: 1 }); const job = await f.generationJobs.completed().create()
 */
export function createFactories(client: SqlClient, options: CreateFactoriesOptions): FactorySet {
  const session = new Session(client, options.seed);
  const set = Object.fromEntries(
    Object.entries(factorySpecs).map(([key, spec]) => [key, makeFactory(spec as unknown as AnySpec, session)]),
  );
  return set as unknown as FactorySet;
}
