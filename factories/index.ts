import type { SqlClient } from '../src/db/sql-client.js';
import type { TableName } from '../src/rows/tables.js';
import type { FactorySpec } from './define-factory.js';
import { createFactorySet } from './factory-set.js';
import type { factorySpecs } from './specs.js';
import type { Factory } from './table-factory.js';
import { factoryAsOf } from './time.js';
import type { CamelCase } from './traits.js';

export { arbitraries } from './arbitraries.js';
export { MAX_LIST_COUNT } from './list-count.js';
export type { Factory, Overrides, TableFactory } from './table-factory.js';

type Specs = typeof factorySpecs;
type FactoryOf<S> = S extends FactorySpec<infer T, infer P, infer Tr> ? Factory<T, P, Tr> : never;

type Written = { readonly [K in keyof Specs]: FactoryOf<Specs[K]> };
// A table without a hand-written spec: parents given by column (`user_id`), no traits.
type Defaults = { readonly [T in TableName as CamelCase<T>]: Factory<T, never, Record<never, never>> };

/** Every table's factory, keyed by the table's name in camelCase (`f.generationJobs`). */
export type FactorySet = Written & Omit<Defaults, keyof Written>;

export interface CreateFactoriesOptions {
  /** Same seed, same rows (ids and timestamps included); printed in every factory error. */
  seed: number;
  /**
   * The instant the rows lead up to: each table's rows are stamped a second apart from a day
   * before it. Default: the start of the current UTC day, so rows sit beside what a service
   * inserts today; pass a fixed instant for rows that are the same on every day.
   */
  asOf?: Date;
}

/**
 * Factories for every table, writing through `client` (PGlite, or `fromPg` for a pg client):
 * the hand-written spec of factories/specs.ts where a table has one, else a default factory
 * made from the table's generated metadata. A table the default cannot satisfy (a CHECK it
 * cannot read) throws, naming the constraint and what to write, when its factory is used
 * or when another factory needs one of its rows as a parent.
 *
 * @example const f = createFactories(db, { seed: 1 }); const job = await f.generationJobs.completed().create()
 */
export function createFactories(client: SqlClient, options: CreateFactoriesOptions): FactorySet {
  return createFactorySet(client, options.seed, factoryAsOf(options.asOf)).set as unknown as FactorySet;
}
