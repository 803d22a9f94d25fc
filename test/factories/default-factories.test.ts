import { describe, expect } from 'vitest';
import { defaultSpec } from '../../factories/default-spec.js';
import { createFactorySet, specOf } from '../../factories/factory-set.js';
import { createFactories } from '../../factories/index.js';
import { camelCase } from '../../factories/traits.js';
import { CutxDbError } from '../../src/db/errors.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { metadata } from '../../src/rows/generated/metadata.js';
import { type TableName, tableNames, tables } from '../../src/rows/tables.js';
import { isolatedDbTest as test } from '../support/db-test.js';

// Made by the database itself (the signup trigger), so a second one per user is refused:
// its hand-written spec moves the balance through the ledger instead.
const MADE_BY_THE_DATABASE = new Set<TableName>(['credit_balances']);
const refusal = (table: TableName): unknown => {
  try {
    defaultSpec(table, metadata.tables[table]);
    return undefined;
  } catch (error) {
    return error;
  }
};
const readable = tableNames.filter((table) => refusal(table) === undefined && !MADE_BY_THE_DATABASE.has(table));
const unreadable = tableNames.filter((table) => refusal(table) !== undefined);

type Loose = { create(): Promise<Record<string, unknown>>; createList(n: number): Promise<Record<string, unknown>[]> };

/** A factory set on `db` whose factory for `table` is the default one, made from metadata alone. */
function withDefault(db: SqlClient, table: TableName): Loose {
  const set = createFactorySet(db, 21, new Date(Date.UTC(2026, 0, 1)), (t) =>
    t === table ? (defaultSpec(t, metadata.tables[t]) as never) : specOf(t),
  ).set;
  return set[camelCase(table)] as Loose;
}

describe('default factories, from the generated metadata alone', () => {
  test('cover tables of every kind: some to make, some to refuse', () => {
    expect(readable.length).toBeGreaterThanOrEqual(5);
    expect(unreadable.length).toBeGreaterThanOrEqual(5);
  });

  test.for(readable)(
    '%s: create and createList(3) give rows the database took and the row schema parses',
    async (table, { db }) => {
      const factory = withDefault(db, table);
      const rows = [await factory.create(), ...(await factory.createList(3))];
      expect(new Set(rows.map((row) => row.id)).size).toBe(4);
      for (const row of rows) expect(tables[table].row.safeParse(row).error).toBeUndefined();
      const { rows: stored } = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`, [
        rows.map((row) => row.id),
      ]);
      expect(stored[0]).toEqual({ n: 4 });
    },
  );

  test.each(unreadable)('%s: refused at creation, naming the table, the constraint and what to write', (table) => {
    const error = refusal(table);
    expect(error).toBeInstanceOf(CutxDbError);
    const check = metadata.tables[table].checks.find((candidate) => !candidate.simple);
    // users has only simple CHECKs, but its unique email must also match a pattern.
    const what = check === undefined ? 'email is unique and must match' : `the CHECK ${check.name}`;
    expect((error as Error).message).toContain(`${table}: ${what}`);
    expect((error as Error).message).toContain(`Write a factory spec for ${table} in factories/`);
  });

  test('refuse a child the same way: a row whose parent table is refused fails with that refusal', async ({ db }) => {
    const set = createFactorySet(db, 22, new Date(Date.UTC(2026, 0, 1)), (t) =>
      t === 'users' ? (defaultSpec(t, metadata.tables[t]) as never) : specOf(t),
    ).set;
    expect(() => set.users).toThrow('users: email is unique and must match');
    await expect((set.projects as Loose).create()).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('users: email is unique and must match'),
    });
    await expect((set.projects as Loose).create()).rejects.not.toBeInstanceOf(TypeError);
  });

  test('refuse exactly the tables with a CHECK they cannot read, and users', () => {
    const unsimple = tableNames.filter((table) => metadata.tables[table].checks.some((check) => !check.simple));
    expect(unreadable).toEqual(tableNames.filter((table) => table === 'users' || unsimple.includes(table)));
  });

  test('are what createFactories gives a table without a hand-written spec, keyed in camelCase', ({ db }) => {
    const f = createFactories(db, { seed: 1 }) as unknown as Record<string, unknown>;
    // Spelled out, not the factories' own camelCase: the test checks that conversion too.
    expect(Object.keys(f).sort()).toEqual(
      tableNames.map((t) => t.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())).sort(),
    );
  });
});
