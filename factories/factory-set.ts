import type { SqlClient } from '../src/db/sql-client.js';
import { metadata } from '../src/rows/generated/metadata.js';
import { type TableName, tableNames } from '../src/rows/tables.js';
import { defaultSpec } from './default-spec.js';
import type { AnySpec } from './define-factory.js';
import { FactoryRun } from './factory-run.js';
import { factorySpecs } from './specs.js';
import { makeFactory, tableWriter } from './table-factory.js';
import { TableWriters } from './table-writers.js';
import { camelCase } from './traits.js';

const handWritten = new Map<string, AnySpec>(
  Object.values(factorySpecs).map((spec) => [spec.table, spec as unknown as AnySpec]),
);

/**
 * A table's spec: the hand-written one of factories/specs.ts, else a default made from the
 * table's generated metadata. Throws the designed refusal where the default cannot
 * satisfy the table (a CHECK it cannot read).
 */
export function specOf(table: TableName): AnySpec {
  return handWritten.get(table) ?? (defaultSpec(table, metadata.tables[table]) as unknown as AnySpec);
}

/** A factory set, and the way to let its fakers serve later sets once it is done with. */
export interface ReleasableFactorySet {
  /** Every table's factory, keyed in camelCase. */
  readonly set: Record<string, unknown>;
  /** Hands the set's fakers to later sets; the set must not make rows afterwards. */
  release(): void;
}

/**
 * Every table's factory, keyed in camelCase, sharing one run (seed, anchor, sequences) and one
 * registry of writers. Every table's writer is registered before the set is returned: a
 * table whose spec cannot be made registers one that throws its refusal, and its factory
 * throws the same refusal when used.
 */
export function createFactorySet(
  client: SqlClient,
  seed: number,
  asOf: Date,
  spec: (table: TableName) => AnySpec = specOf,
): ReleasableFactorySet {
  const run = new FactoryRun(client, seed, asOf);
  const writers = new TableWriters();
  const set: Record<string, unknown> = {};
  for (const table of tableNames) {
    try {
      const tableSpec = spec(table);
      writers.add(table, tableWriter(tableSpec, run, writers));
      set[camelCase(table)] = makeFactory(tableSpec, run, writers);
    } catch (error) {
      writers.refuse(table, error);
      Object.defineProperty(set, camelCase(table), {
        enumerable: true,
        get: () => {
          throw error;
        },
      });
    }
  }
  return { set, release: () => run.release() };
}
