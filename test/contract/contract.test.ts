import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEWED_FOREIGN_KEYS } from '../support/reviewed-schema.js';
import { openTestDb, type TestDb } from '../support/test-db.js';
import {
  foreignKeyLines,
  indexDefinitionProblems,
  namedIndexProblems,
  primaryKeyProblems,
  tableProblems,
  unindexedForeignKeys,
  updatedAtProblems,
  vocabularyProblems,
} from './contract-checks.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('the migrated catalog', () => {
  it('has exactly the 23 tables of the domain', async () => {
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
