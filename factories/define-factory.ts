import type { SqlClient } from '../src/db/sql-client.js';
import type { Insert, Row, TableName } from '../src/rows/tables.js';
import type { Gens } from './column-generators.js';

/** Any table's row, where the table is not known statically. */
export type AnyRow = Record<string, unknown> & { id: string };

/** Loosely typed access to every table's `createEach`, for hooks that create related rows. */
export type Related = {
  [T in TableName]: { createEach(overrides: readonly Record<string, unknown>[]): Promise<Row<T>[]> };
};

/** How a row finds its parent row when the caller did not give one. */
export interface ParentSpec {
  /** The override key that takes the parent row: `user` for `{ user }`. */
  readonly key: string;
  /** The foreign-key column: `user_id`. */
  readonly column: string;
  readonly table: TableName;
  /** A nullable reference: left null rather than created when not given. */
  readonly optional?: boolean;
  /** One parent per row instead of one shared by a whole list (1:1 tables, unique pairs). */
  readonly perRow?: boolean;
  /** Overrides for a created parent, from the parents this row already has. */
  readonly with?: (resolved: Readonly<Record<string, AnyRow>>) => Record<string, unknown>;
  /** Columns of this row taken from its parent (unless overridden). */
  readonly copy?: (parent: AnyRow) => Record<string, unknown>;
  /** Creates missing parents itself, e.g. through a grandparent (one per entry of `resolved`). */
  readonly create?: (f: Related, resolved: readonly Readonly<Record<string, AnyRow>>[]) => Promise<AnyRow[]>;
}

/**
 * What a trait changes: some generators, and related rows made after the rows exist (the
 * hook may return the rows re-read, when making the related rows changed them).
 */
export interface TraitSpec<T extends TableName> {
  readonly gens?: Gens<Insert<T>>;
  readonly after?: (rows: Row<T>[], f: Related, client: SqlClient) => Promise<Row<T>[] | undefined>;
}

// `never[]` so traits with and without arguments both fit.
type TraitFn<T extends TableName> = (...args: never[]) => TraitSpec<T>;

/** A table's factory, described declaratively; `createFactories` turns it into a factory. */
export interface FactorySpec<T extends TableName, P extends string, Tr extends Record<string, TraitFn<T>>> {
  readonly table: T;
  readonly parents: readonly (ParentSpec & { readonly key: P })[];
  /** Generators for the columns the factory fills (id and timestamps are filled for all). */
  readonly gens: Gens<Insert<T>>;
  /** Columns that follow from others (status-dependent times, net = gross - fees, ...). */
  readonly derive?: (row: Insert<T>) => Partial<Insert<T>>;
  readonly traits: Tr;
  /**
   * Writes built rows another way than an INSERT (credit_balances only moves through the
   * ledger) and returns them as read back.
   */
  readonly persist?: (rows: Insert<T>[], f: Related, client: SqlClient) => Promise<unknown[]>;
  /**
   * Read every column back after the insert. A hand-written spec's generators write values
   * in the form the database stores them (test/factories reads back rows of every table
   * and trait to hold that), so only what the database fills and what a caller set is read;
   * a spec made from metadata alone writes e.g. an int8 as a number and sets this.
   */
  readonly readBackAll?: boolean;
}

/** Any table's spec, where the table is not known statically. */
export type AnySpec = FactorySpec<TableName, string, Record<string, TraitFn<TableName>>>;

/**
 * Declares a factory; a typed identity so the spec's generics are inferred. P defaults to
 * never: a table without parents (users) takes no parent keys, rather than any string key,
 * whose index signature would refuse its column overrides.
 */
export function defineFactory<T extends TableName, Tr extends Record<string, TraitFn<T>>, P extends string = never>(
  spec: FactorySpec<T, P, Tr>,
): FactorySpec<T, P, Tr> {
  return spec;
}
