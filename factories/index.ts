import type { SqlClient } from '../src/db/sql-client.js';
import { metadata } from '../src/rows/generated/metadata.js';
import { type TableName, tableNames } from '../src/rows/tables.js';
import { defaultSpec } from './default-spec.js';
import type { FactorySpec, TraitSpec } from './define-factory.js';
import { Session } from './session.js';
import { factorySpecs } from './specs.js';
import { type Factory, makeFactory } from './table-factory.js';
import { type CamelCase, camelCase } from './traits.js';

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
}

type AnySpec = FactorySpec<TableName, string, Record<string, (...args: never[]) => TraitSpec<TableName>>>;

/**
 * Factories for every table, writing through `client` (PGlite, or `fromPg` for a pg client):
 * the hand-written spec of factories/specs.ts where a table has one, else a default factory
 * made from the table's generated metadata. A table the default cannot satisfy (a CHECK it
 * cannot read) throws, naming the constraint and what to write, when its factory is used.
 *
 * @example const f = createFactories(db, { seed: 1 }); const job = await f.generationJobs.completed().create()
 */
export function createFactories(client: SqlClient, options: CreateFactoriesOptions): FactorySet {
  const session = new Session(client, options.seed);
  const written = new Map<string, unknown>(Object.values(factorySpecs).map((spec) => [spec.table, spec]));
  const set: Record<string, unknown> = {};
  for (const table of tableNames) {
    let spec: unknown;
    try {
      spec = written.get(table) ?? defaultSpec(table, metadata.tables[table]);
    } catch (error) {
      Object.defineProperty(set, camelCase(table), {
        enumerable: true,
        get: () => {
          throw error;
        },
      });
      continue;
    }
    set[camelCase(table)] = makeFactory(spec as AnySpec, session);
  }
  return set as unknown as FactorySet;
}
