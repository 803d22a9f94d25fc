import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadata } from '../../src/rows/generated/metadata.js';
import { REVIEWED_FOREIGN_KEYS } from '../support/reviewed-schema.js';
import { openTestDb, type TestDb } from '../support/test-db.js';
import {
  foreignKeyLines,
  indexDefinitionProblems,
  namedIndexProblems,
  primaryKeyProblems,
  tableProblems,
  UPDATED_AT_TABLES,
  unindexedForeignKeys,
  updatedAtProblems,
  vocabularyProblems,
} from './contract-checks.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe("the spec's deliberate second copies", () => {
  it('name the same ten updated_at tables and foreign keys as the generated metadata', () => {
    const tables = Object.entries(metadata.tables);
    expect(
      tables
        .filter(([, table]) => table.updatedAtTrigger !== null)
        .map(([name]) => name)
        .sort(),
    ).toEqual([...UPDATED_AT_TABLES]);
    const foreignKeys = tables.flatMap(([name, table]) =>
      table.foreignKeys.map(
        (fk) => `${name}(${fk.columns.join(', ')}) -> ${fk.references} ON DELETE ${fk.onDelete.toUpperCase()}`,
      ),
    );
    expect(foreignKeys.sort()).toEqual(REVIEWED_FOREIGN_KEYS);
  });
});

describe('the migrated catalog', () => {
  it('has exactly the tables of the generated metadata', async () => {
    expect(await tableProblems(db)).toEqual([]);
  });

  it('has the seven named indexes with their columns, uniqueness and kind', async () => {
    expect(await namedIndexProblems(db)).toEqual([]);
  });

  it('has updated_at, kept by a trigger, on exactly the ten tables', async () => {
    expect(await updatedAtProblems(db)).toEqual([]);
  });

  it('matches the reviewed snapshot of foreign keys and their ON DELETE rules', async () => {
    expect(await foreignKeyLines(db)).toEqual(REVIEWED_FOREIGN_KEYS);
  });

  it('matches the reviewed snapshot of every index, its expressions and its predicate', async () => {
    expect(await indexDefinitionProblems(db)).toEqual([]);
  });

  it('indexes every foreign-key column', async () => {
    expect(await unindexedForeignKeys(db)).toEqual([]);
  });

  it('gives every table a uuid primary key with a database default', async () => {
    expect(await primaryKeyProblems(db)).toEqual([]);
  });

  it('holds every closed vocabulary in a CHECK equal to the TypeScript one', async () => {
    expect(await vocabularyProblems(db)).toEqual([]);
  });
});
