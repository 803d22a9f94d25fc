import { describe, expect, it } from 'vitest';
import { metadata } from '../../src/rows/generated/metadata.js';
import { dbTest } from '../support/db-test.js';
import { REVIEWED_FOREIGN_KEYS } from '../support/reviewed-schema.js';
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
  dbTest('has exactly the tables of the generated metadata', async ({ db }) => {
    expect(await tableProblems(db)).toEqual([]);
  });

  dbTest('has the seven named indexes with their columns, uniqueness and kind', async ({ db }) => {
    expect(await namedIndexProblems(db)).toEqual([]);
  });

  dbTest('has updated_at, kept by a trigger, on exactly the ten tables', async ({ db }) => {
    expect(await updatedAtProblems(db)).toEqual([]);
  });

  dbTest('matches the reviewed snapshot of foreign keys and their ON DELETE rules', async ({ db }) => {
    expect(await foreignKeyLines(db)).toEqual(REVIEWED_FOREIGN_KEYS);
  });

  dbTest('matches the reviewed snapshot of every index, its expressions and its predicate', async ({ db }) => {
    expect(await indexDefinitionProblems(db)).toEqual([]);
  });

  dbTest('indexes every foreign-key column', async ({ db }) => {
    expect(await unindexedForeignKeys(db)).toEqual([]);
  });

  dbTest('gives every table a uuid primary key with a database default', async ({ db }) => {
    expect(await primaryKeyProblems(db)).toEqual([]);
  });

  dbTest('holds every closed vocabulary in a CHECK equal to the TypeScript one', async ({ db }) => {
    expect(await vocabularyProblems(db)).toEqual([]);
  });
});
