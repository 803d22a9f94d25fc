import type { Faker } from '@faker-js/faker';
import fc from 'fast-check';
import { sha256 } from './digest.js';

/** What a generator may draw on when a factory builds row number `seq` of a table. */
export interface FakeContext {
  readonly faker: Faker;
  readonly seed: number;
  readonly table: string;
  /** 1, 2, 3, ... per table and factory set: the source of every unique value. */
  readonly seq: number;
  /** The seed in base 36: unique values carry it, so factory sets of two seeds share a table. */
  readonly tag: string;
  /** The factory set's anchor: rows are stamped in the day before it (see `stampAt`). */
  readonly asOf: Date;
}

/**
 * One column's values, stated once and read two ways: `fake` for factories (seeded faker,
 * unique values from the sequence) and `arbitrary` for fast-check (shrinkable).
 */
export interface Gen<T> {
  fake(ctx: FakeContext): T;
  readonly arbitrary: fc.Arbitrary<T>;
}

/**
 * A generator whose arbitrary is built on first use: some fast-check arbitraries (URLs,
 * regex-matched strings) take long to construct, and factories alone never need them.
 */
function gen<T>(fake: (ctx: FakeContext) => T, arbitrary: () => fc.Arbitrary<T>): Gen<T> {
  let built: fc.Arbitrary<T> | undefined;
  return {
    fake,
    get arbitrary() {
      built ??= arbitrary();
      return built;
    },
  };
}

/** Instants PostgreSQL and JavaScript both represent, for arbitraries of timestamp columns. */
export const anyInstant: fc.Arbitrary<Date> = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2040-01-01T00:00:00Z'),
  noInvalidDate: true,
});

// lorem.words' draws without its per-word filtering of the word list: the same words, cheaper.
const words = (faker: Faker, min: number, max: number) =>
  faker.helpers
    .multiple(() => faker.helpers.arrayElement(faker.definitions.lorem.word), { count: { min, max } })
    .join(' ');

/** Generators for the value kinds the schema uses. */
export const g = {
  constant: <T>(value: T): Gen<T> =>
    gen(
      () => value,
      () => fc.constant(value),
    ),
  int: (min: number, max: number): Gen<number> =>
    gen(
      (ctx) => ctx.faker.number.int({ min, max }),
      () => fc.integer({ min, max }),
    ),
  /** An int8 (money in cents, a counter) as the exact integer text it reads as. */
  int8: (min: number, max: number): Gen<string> =>
    gen(
      (ctx) => String(ctx.faker.number.int({ min, max })),
      () => fc.integer({ min, max }).map(String),
    ),
  pick: <const T extends readonly [unknown, ...unknown[]]>(values: T): Gen<T[number]> =>
    gen(
      (ctx) => ctx.faker.helpers.arrayElement(values),
      () => fc.constantFrom(...values),
    ),
  /** The factories' default is `value`; arbitraries try every value of the column. */
  defaultOf: <const T extends readonly [unknown, ...unknown[]]>(value: T[number], values: T): Gen<T[number]> =>
    gen(
      () => value,
      () => fc.constantFrom(...values),
    ),
  /**
   * A unique value made from the sequence number (constructive, never retried). The context
   * (absent in arbitraries) gives a faker for a readable prefix, and the seed's tag for
   * values unique across the whole table, so factory sets of two seeds share a database.
   */
  unique: <T>(make: (seq: number, ctx?: FakeContext) => T, maxSeq = 2 ** 31 - 1): Gen<T> =>
    gen(
      (ctx) => make(ctx.seq, ctx),
      // Sequences start at 1, so arbitraries draw from the same domain.
      () => fc.integer({ min: 1, max: maxSeq }).map((n) => make(n)),
    ),
  /** Any JSON-ready value: `fake` from faker, the arbitrary as the thunk builds it. */
  custom: <T>(fake: (faker: Faker) => T, arbitrary: () => fc.Arbitrary<T>): Gen<T> =>
    gen((ctx) => fake(ctx.faker), arbitrary),
  /** Free text of a few words, within the column's length bounds. */
  words: (min = 1, max = 4, maxLength = 200): Gen<string> =>
    gen(
      (ctx) => words(ctx.faker, min, max).slice(0, maxLength),
      () => fc.string({ minLength: 1, maxLength: Math.min(maxLength, 60) }),
    ),
  /** Text from a faker helper (names, titles, ...), with a generic string as its arbitrary. */
  text: (make: (faker: Faker) => string, maxLength = 200): Gen<string> =>
    gen(
      (ctx) => make(ctx.faker).slice(0, maxLength) || 'x',
      () => fc.string({ minLength: 1, maxLength: Math.min(maxLength, 60) }),
    ),
  /** A value or null; factories always fill it, arbitraries try both. */
  orNull: <T>(inner: Gen<T>): Gen<T | null> =>
    gen(
      (ctx) => inner.fake(ctx),
      () => fc.option(inner.arbitrary),
    ),
  /** Null in factories unless a trait sets it; arbitraries try both. */
  sometimes: <T>(inner: Gen<T>): Gen<T | null> =>
    gen(
      () => null,
      () => fc.option(inner.arbitrary),
    ),
  /** A SHA-256 digest: of the table and sequence in factories (unique), any 32 bytes otherwise. */
  sha256: (): Gen<Uint8Array<ArrayBuffer>> =>
    gen(
      (ctx) => sha256(`${ctx.seed}:${ctx.table}:${ctx.seq}`),
      () => fc.uint8Array({ minLength: 32, maxLength: 32 }),
    ),
  bytes: (length: number): Gen<Uint8Array<ArrayBuffer>> =>
    gen(
      (ctx) => Uint8Array.from({ length }, () => ctx.faker.number.int(255)),
      () => fc.uint8Array({ minLength: length, maxLength: length }),
    ),
  /** A time that `derive` places relative to the row's creation; any instant in arbitraries. */
  instant: (): Gen<Date> =>
    gen(
      () => new Date(0),
      () => anyInstant,
    ),
  uuid: (): Gen<string> =>
    gen(
      (ctx) => ctx.faker.string.uuid(),
      () => fc.uuid(),
    ),
  ipv4: (): Gen<string> =>
    gen(
      (ctx) => ctx.faker.internet.ipv4(),
      () => fc.ipV4(),
    ),
};

type KeysOf<S> = S extends unknown ? keyof S : never;
type ValueOf<S, K extends PropertyKey> = S extends unknown ? (K extends keyof S ? S[K] : never) : never;

/**
 * A generator for each column a factory fills (the engine fills id and timestamps). Over a
 * union of row shapes (generation_jobs) it takes the union of each column's values.
 */
export type Gens<Shape> = { [K in KeysOf<Shape>]?: Gen<ValueOf<Shape, K>> };
