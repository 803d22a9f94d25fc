import type { Faker } from '@faker-js/faker';
import { faker as english } from '@faker-js/faker/locale/en';
import type { SqlClient } from '../src/db/sql-client.js';
import { type TableName, tableNames } from '../src/rows/tables.js';
import type { FakeContext } from './gen.js';
import type { RewriteCheck } from './stored-as-written.js';

/** A table's position in `tables`: part of its fakers' seeds and of its rows' ids. */
const TABLE_INDEX = new Map(tableNames.map((table, index) => [table as string, index]));

/** Factory rows are stamped from here, one second per row of a table, so they reproduce. */
export const BASE_TIME = Date.UTC(2025, 0, 1);

// The English entry point, not the package's: that one loads all 70-odd locales (about
// 0.4 s on every start). Its instance gives the class and the merged en + base definitions
// (merged once: a factory set makes a faker per table, and merging is most of the cost).
const FakerClass = english.constructor as typeof Faker;
const englishDefinitions = english.rawDefinitions;

/** An English faker whose draws are fixed by `seed`: the one way this package makes one. */
export function seededFaker(seed: number[]): Faker {
  const faker = new FakerClass({ locale: englishDefinitions });
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
    /** Whether a table's triggers may change its rows as they are inserted. */
    readonly rewrites: RewriteCheck,
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
      faker = seededFaker([this.seed, TABLE_INDEX.get(table) ?? 0]);
      this.fakers.set(table, faker);
    }
    return faker;
  }
}

// The uuid is written as character codes into one reused array and made a string once:
// concatenating its pieces allocated a dozen strings per row, which garbage collection
// then paid for again.
const HEX_CODES = Array.from('0123456789abcdef', (char) => char.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const uuidCodes = new Array<number>(36).fill(DASH);

/** Writes `value`'s low `digits` hex digits into uuidCodes from `at`. */
function putHex(value: number, digits: number, at: number): void {
  for (let i = digits - 1, rest = value; i >= 0; i--, rest = Math.floor(rest / 16)) {
    uuidCodes[at + i] = HEX_CODES[rest % 16] as number;
  }
}

/**
 * A uuid (v4 layout) whose random part comes from the seeded faker and whose last twelve
 * hex digits are the table's index and the row's sequence number: unique by construction
 * within a factory set, never by luck or retry.
 */
export function sequencedUuid(ctx: FakeContext): string {
  putHex(ctx.faker.number.int({ max: 0xffffffff }), 8, 0);
  const timeMidAndHigh = ctx.faker.number.int({ max: 0xffffffff });
  putHex(timeMidAndHigh >>> 16, 4, 9);
  putHex(0x4000 | (timeMidAndHigh & 0xfff), 4, 14);
  putHex(0x8000 | ctx.faker.number.int({ max: 0x3fff }), 4, 19);
  putHex(TABLE_INDEX.get(ctx.table) ?? 0, 2, 24);
  putHex(ctx.seq, 10, 26);
  return String.fromCharCode(...uuidCodes);
}

/** The creation time of row `seq` of a table. */
export function stampAt(seq: number): Date {
  return new Date(BASE_TIME + seq * 1000);
}
