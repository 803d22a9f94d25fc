import { base, en, Faker } from '@faker-js/faker';
import type { SqlClient } from '../src/db/sql-client.js';
import { type TableName, tables } from '../src/rows/tables.js';
import type { FakeContext } from './gen.js';

const TABLE_NAMES = Object.keys(tables) as TableName[];

/** Factory rows are stamped from here, one second per row of a table, so they reproduce. */
export const BASE_TIME = Date.UTC(2025, 0, 1);

/** An English faker whose draws are fixed by `seed`: the one way this package makes one. */
export function seededFaker(seed: number[]): Faker {
  const faker = new Faker({ locale: [en, base] });
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

  constructor(
    readonly client: SqlClient,
    readonly seed: number,
  ) {}

  /** The next row's context for `table`. */
  next(table: TableName): FakeContext {
    const seq = (this.seqs.get(table) ?? 0) + 1;
    this.seqs.set(table, seq);
    return { faker: this.faker(table), seed: this.seed, table, seq };
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

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A uuid (v4 layout) whose random part comes from the seeded faker and whose last twelve
 * hex digits are the table's index and the row's sequence number: unique by construction
 * within a factory set, never by luck or retry.
 */
export function sequencedUuid(ctx: FakeContext): string {
  const random = () => ctx.faker.number.int({ max: 0xffff });
  const table = TABLE_NAMES.indexOf(ctx.table as TableName);
  return (
    `${hex(random(), 4)}${hex(random(), 4)}-${hex(random(), 4)}-4${hex(random() & 0xfff, 3)}-` +
    `${hex(0x8000 | (random() & 0x3fff), 4)}-${hex(table, 2)}${hex(ctx.seq, 10)}`
  );
}

/** The creation time of row `seq` of a table. */
export function stampAt(seq: number): Date {
  return new Date(BASE_TIME + seq * 1000);
}
