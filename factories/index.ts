import { CutxDbError } from '../src/db/errors.js';
import type { SqlClient } from '../src/db/sql-client.js';
import { metadata } from '../src/rows/generated/metadata.js';
import { type TableName, tableNames } from '../src/rows/tables.js';
import { defaultSpec } from './default-spec.js';
import type { FactorySpec, TraitSpec } from './define-factory.js';
import { Session } from './session.js';
import { factorySpecs } from './specs.js';
import { type Factory, makeFactory } from './table-factory.js';
import { startOfUtcDay } from './time.js';
import { type CamelCase, camelCase } from './traits.js';

export { arbitraries } from './arbitraries.js';
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
  const asOf = options.asOf ?? startOfUtcDay(new Date());
  if (Number.isNaN(asOf.getTime())) {
    throw new CutxDbError('invalid_input', 'createFactories: asOf is an invalid Date; pass a valid instant or none.');
  }
  const session = new Session(client, options.seed, asOf);
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
