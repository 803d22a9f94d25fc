import { CutxDbError } from '../src/db/errors.js';
import type { Insert, Row, TableName } from '../src/rows/tables.js';
import type { AnySpec, FactorySpec, TraitSpec } from './define-factory.js';
import type { FactoryRun } from './factory-run.js';
import { RowBuilder } from './row-builder.js';
import { RowWriter } from './row-writer.js';
import type { TableWriter, TableWriters } from './table-writers.js';

type Values = Record<string, unknown>;

/** Column overrides in snake_case, plus parent rows by key (`{ user }`) to reuse. */
export type Overrides<T extends TableName, P extends string> = Partial<Insert<T>> & {
  [K in P]?: { readonly id: string };
};

/** The operations every table's factory has. */
export interface TableFactory<T extends TableName, P extends string> {
  readonly table: T;
  /** The names of this factory's traits (each is also a method returning a new factory). */
  readonly traitNames: readonly string[];
  /** A valid row, validated, without touching the database; missing parents get fresh ids. */
  build(overrides?: Overrides<T, P>): Insert<T>;
  buildList(count: number, overrides?: Overrides<T, P>): Insert<T>[];
  /** Inserts one row (creating missing parents) and returns it as read back. */
  create(overrides?: Overrides<T, P>): Promise<Row<T>>;
  /** Inserts `count` rows in one statement; missing parents are created once and shared. */
  createList(count: number, overrides?: Overrides<T, P>): Promise<Row<T>[]>;
  /** Inserts one row per overrides object, in one statement. */
  createEach(overrides: readonly Overrides<T, P>[]): Promise<Row<T>[]>;
}

/** A table's factory with its traits as methods, e.g. `f.users.admin().create()`. */
export type Factory<T extends TableName, P extends string, Tr> = TableFactory<T, P> & {
  readonly [K in keyof Tr]: Tr[K] extends (...args: infer A) => unknown ? (...args: A) => Factory<T, P, Tr> : never;
};

/** `count` copies of one overrides object, after checking the count is a whole number, 0 or more. */
function repeat(table: string, method: string, count: unknown, overrides: Values, seed: number): Values[] {
  if (Number.isSafeInteger(count) && (count as number) >= 0) {
    return Array.from({ length: count as number }, () => overrides);
  }
  throw new CutxDbError(
    'invalid_input',
    `${table}.${method}(${String(count)}): the count must be a whole number, 0 or more (factory seed ${seed}).`,
    { table },
  );
}

/**
 * The factory a spec describes, in a factory run: its builder makes the rows (bad
 * overrides fail there, before the database is touched) and its writer stores them with
 * their parents. A trait returns a new factory with the trait's generators and hooks
 * added; the original is unchanged.
 */
export function makeFactory<T extends TableName, P extends string, Tr>(
  spec: FactorySpec<T, P, Record<string, (...args: never[]) => TraitSpec<T>>> & { traits: Tr },
  run: FactoryRun,
  writers: TableWriters,
  traits: readonly TraitSpec<TableName>[] = [],
): Factory<T, P, Tr> {
  const any = spec as unknown as AnySpec;
  const builder = new RowBuilder<T>(any, run, traits);
  const writer = new RowWriter<T>(any, run, writers, traits);
  const createEach = (list: readonly Values[]) => writer.create(builder.buildEach(list));
  const factory: Values = {
    table: spec.table,
    traitNames: Object.keys(spec.traits as object),
    build: (overrides: Values = {}) => builder.buildOne(overrides),
    buildList: (count: number, overrides: Values = {}) =>
      builder.buildEach(repeat(spec.table, 'buildList', count, overrides, run.seed)).map((row) => row.values),
    create: async (overrides?: Values) => (await createEach([overrides ?? {}]))[0],
    createList: async (count: number, overrides: Values = {}) =>
      createEach(repeat(spec.table, 'createList', count, overrides, run.seed)),
    createEach,
  };
  for (const [name, trait] of Object.entries(spec.traits as Record<string, (...args: never[]) => TraitSpec<T>>)) {
    factory[name] = (...args: never[]) => makeFactory(spec, run, writers, [...traits, trait(...args)]);
  }
  return factory as unknown as Factory<T, P, Tr>;
}

/** How related rows of a spec's table are written: its factory without traits, on a given client. */
export function tableWriter(spec: AnySpec, run: FactoryRun, writers: TableWriters): TableWriter {
  const builder = new RowBuilder(spec, run, []);
  const writer = new RowWriter(spec, run, writers, []);
  return (client, list) => writer.write(client, builder.buildEach(list));
}
