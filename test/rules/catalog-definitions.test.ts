import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../support/test-db.js';
import { EXPECTED_COLUMNS } from './expected/columns.js';
import { EXPECTED_FUNCTIONS, type ExpectedFunction } from './expected/functions.js';
import { EXPECTED_INDEXES } from './expected/indexes.js';
import { EXPECTED_TRIGGERS } from './expected/triggers.js';
import { catalogColumns, catalogFunctions, catalogIndexes, catalogTriggers } from './support/catalog-definitions.js';

// The catalog of the migrated schema beside the reviewed copy in expected/: each column's
// type, domain, NOT NULL and default, each trigger's timing, events and level, each index's
// columns, uniqueness and predicate, each function's SECURITY DEFINER, settings and grant.
// Each object is its own test, named after it, so a failure says which one changed.
let db: TestDb;
let columns: Record<string, string>;
let triggers: Record<string, string>;
let indexes: Record<string, string>;
let functions: Record<string, ExpectedFunction>;
beforeAll(async () => {
  db = await openTestDb();
  [columns, triggers, indexes, functions] = await Promise.all([
    catalogColumns(db),
    catalogTriggers(db),
    catalogIndexes(db),
    catalogFunctions(db),
  ]);
});
afterAll(() => db.close());

const expectedColumns = Object.fromEntries(
  Object.entries(EXPECTED_COLUMNS).flatMap(([table, byColumn]) =>
    Object.entries(byColumn).map(([column, definition]) => [`${table}.${column}`, definition]),
  ),
);

/** The objects one side has and the other lacks, as lines that say what to do. */
function unmatched(kind: string, file: string, inCatalog: object, expected: object): string[] {
  const [have, want] = [Object.keys(inCatalog), Object.keys(expected)];
  return [
    ...have
      .filter((name) => !want.includes(name))
      .map((name) => `${kind} ${name} has no reviewed definition: add it to test/rules/expected/${file}`),
    ...want
      .filter((name) => !have.includes(name))
      .map((name) => `${kind} ${name} is in test/rules/expected/${file} but not in the schema`),
  ];
}

describe('every column, trigger, index and function is as reviewed', () => {
  it('has a reviewed definition for each object of the catalog, and no other', () => {
    expect([
      ...unmatched('column', 'columns.ts', columns, expectedColumns),
      ...unmatched('trigger', 'triggers.ts', triggers, EXPECTED_TRIGGERS),
      ...unmatched('index', 'indexes.ts', indexes, EXPECTED_INDEXES),
      ...unmatched('function', 'functions.ts', functions, EXPECTED_FUNCTIONS),
    ]).toEqual([]);
  });

  it.each(Object.entries(expectedColumns))('%s: type, domain, NOT NULL and default as reviewed', (name, definition) => {
    expect(columns[name]).toBe(definition);
  });

  it.each(Object.entries(EXPECTED_TRIGGERS))(
    '%s: timing, events, level and function as reviewed',
    (name, definition) => {
      expect(triggers[name]).toBe(definition);
    },
  );

  it.each(Object.entries(EXPECTED_INDEXES))('%s: columns, uniqueness and predicate as reviewed', (name, definition) => {
    expect(indexes[name]).toBe(definition);
  });

  it.each(Object.entries(EXPECTED_FUNCTIONS))('%s: security, settings and grant as reviewed', (name, expected) => {
    expect(functions[name]).toEqual(expected);
  });
});
