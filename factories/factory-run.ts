import type { Faker } from '@faker-js/faker';
import { faker as english } from '@faker-js/faker/locale/en';
import type { SqlClient } from '../src/db/sql-client.js';
import type { TableName } from '../src/rows/tables.js';
import type { FakeContext } from './column-generators.js';
import { sha256 } from './digest.js';

/**
 * A number from the table's name, part of its fakers' seeds and of its rows' ids: keyed by
 * name, not by a place in a list, so adding a table changes no other table's rows.
 */
export function tableKey(table: string): number {
  let key = tableKeys.get(table);
  if (key === undefined) {
    key = new DataView(sha256(table).buffer).getUint32(0);
    tableKeys.set(table, key);
  }
  return key;
}
const tableKeys = new Map<string, number>();

// The English entry point, not the package's: that one loads every locale on start. Its
// instance gives the class and the merged en + base definitions, merged once because a
// factory set makes a faker per table.
const FakerClass = english.constructor as typeof Faker;
const englishDefinitions = english.rawDefinitions;

// Fakers of released factory runs, handed to the next faker asked for. Building a faker
// allocates tens of KB (a module object per topic, two Mersenne Twister states) where
// seeding one allocates a few, and a test suite's fixture makes several per test: that
// garbage lived long enough to reach V8's old space and grew the worker's heap. Seeding
// sets all of a faker's state that draws read (this package never sets its reference date),
// so a re-seeded faker draws what a new one would.
const idleFakers: Faker[] = [];

/** An English faker whose draws are fixed by `seed`: the one way this package makes one. */
export function seededFaker(seed: number[]): Faker {
  const faker = idleFakers.pop() ?? new FakerClass({ locale: englishDefinitions });
  faker.seed(seed);
  return faker;
}

/**
 * The state one factory set shares: its seed, its client, and per table a sequence and a
 * faker seeded from (seed, table). Each table draws from its own stream, so the rows of
 * one table do not change when another table's factory is used more or less.
 */
export class FactoryRun {
  private readonly seqs = new Map<TableName, number>();
  private readonly fakers = new Map<TableName, Faker>();
  private readonly tag: string;

  constructor(
    readonly client: SqlClient,
    readonly seed: number,
    readonly asOf: Date,
  ) {
    this.tag = (seed >>> 0).toString(36);
  }

  /** The next row's context for `table`. */
  next(table: TableName): FakeContext {
    const seq = (this.seqs.get(table) ?? 0) + 1;
    this.seqs.set(table, seq);
    return { faker: this.faker(table), seed: this.seed, table, seq, tag: this.tag, asOf: this.asOf };
  }

  /**
   * Hands this run's fakers to the runs made after it. For a caller that knows the run's
   * factories will not draw again (the vitest fixture, at its test's end): a draw after this
   * would move another run's stream.
   */
  release(): void {
    idleFakers.push(...this.fakers.values());
    this.fakers.clear();
  }

  private faker(table: TableName): Faker {
    let faker = this.fakers.get(table);
    if (faker === undefined) {
      faker = seededFaker([this.seed, tableKey(table)]);
      this.fakers.set(table, faker);
    }
    return faker;
  }
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A uuid (v4 layout) whose random part comes from the seeded faker and whose last twelve
 * hex digits are from the table's key and the row's sequence number: unique by construction
 * within a factory set, never by luck or retry.
 */
export function sequencedUuid(ctx: FakeContext): string {
  const timeLow = ctx.faker.number.int({ max: 0xffffffff });
  const timeMidAndHigh = ctx.faker.number.int({ max: 0xffffffff });
  const clock = ctx.faker.number.int({ max: 0x3fff });
  const node = hex(tableKey(ctx.table) & 0xff, 2) + hex(ctx.seq, 10);
  return `${hex(timeLow, 8)}-${hex(timeMidAndHigh >>> 16, 4)}-${hex(0x4000 | (timeMidAndHigh & 0xfff), 4)}-${hex(0x8000 | clock, 4)}-${node}`;
}
