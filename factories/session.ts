import { base, en, Faker, mergeLocales } from '@faker-js/faker';
import type { SqlClient } from '../src/db/sql-client.js';
import { type TableName, tables } from '../src/rows/tables.js';
import type { FakeContext } from './gen.js';

const TABLE_NAMES = Object.keys(tables) as TableName[];

/** Factory rows are stamped from here, one second per row of a table, so they reproduce. */
export const BASE_TIME = Date.UTC(2025, 0, 1);

// Merged once: a factory set makes a faker per table, and merging is most of the cost.
const english = mergeLocales([en, base]);

/** An English faker whose draws are fixed by `seed`: the one way this package makes one. */
export function seededFaker(seed: number[]): Faker {
  const faker = new Faker({ locale: english });
  faker.seed(seed);
  return faker;
}

/**
 * The state one factory set shares: its seed, its client, and per table a sequence and a
 * faker seeded from (seed, table). Each table draws from its own stream, so the rows of one
 * table do not change when another table's factory is used more or less.
 */
export class Session {
  private readonly seqs = new Map<TableName, number>();
  private readonly fakers = new Map<TableName, Faker>();
  private readonly tag: string;

  constructor(
    readonly client: SqlClient,
    readonly seed: number,
  ) {
    this.tag = (seed >>> 0).toString(36);
  }

  /** The next row's context for `table`. */
  next(table: TableName): FakeContext {
    const seq = (this.seqs.get(table) ?? 0) + 1;
    this.seqs.set(table, seq);
    return { faker: this.faker(table), seed: this.seed, table, seq, tag: this.tag };
  }

  private faker(table: TableName): Faker {
    let faker = this.fakers.get(table);
    if (faker === undefined) {
      faker = seededFaker([this.seed, TABLE_NAMES.indexOf(table)]);
      this.fakers.set(table, faker);
    }
    return faker;
  }
}

// Hex digits by table lookup on 32-bit integers: Number#toString(16) is about ten times slower.
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex16 = (value: number): string => `${HEX[(value >>> 8) & 0xff]}${HEX[value & 0xff]}`;
const hex32 = (value: number): string => `${hex16(value >>> 16)}${hex16(value)}`;
const TABLE_INDEX = new Map(TABLE_NAMES.map((table, index) => [table as string, index]));

/**
 * A uuid (v4 layout) whose random part comes from the seeded faker and whose last twelve
 * hex digits are the table's index and the row's sequence number: unique by construction
 * within a factory set, never by luck or retry.
 */
export function sequencedUuid(ctx: FakeContext): string {
  const timeLow = ctx.faker.number.int({ max: 0xffffffff });
  const timeMidAndHigh = ctx.faker.number.int({ max: 0xffffffff });
  const clockSeq = ctx.faker.number.int({ max: 0x3fff });
  const table = TABLE_INDEX.get(ctx.table) ?? 0;
  return (
    `${hex32(timeLow)}-${hex16(timeMidAndHigh >>> 16)}-${hex16(0x4000 | (timeMidAndHigh & 0xfff))}-` +
    `${hex16(0x8000 | clockSeq)}-${HEX[table]}${HEX[Math.floor(ctx.seq / 2 ** 32) & 0xff]}${hex32(ctx.seq >>> 0)}`
  );
}

/** The creation time of row `seq` of a table. */
export function stampAt(seq: number): Date {
  return new Date(BASE_TIME + seq * 1000);
}
