import { afterAll, beforeAll, describe, it } from 'vitest';
import { openTestDb, type TestDb } from '../../support/test-db.js';
import { type Attack, runAttack } from './attack.js';
import { type BaseRows, createBaseRows } from './base-rows.js';

/** A database of the test file's own holding the base rows, filled in by beforeAll. */
export interface BaseRowsDb {
  db: TestDb;
  base: BaseRows;
}

/** Opens the file's database and makes the base rows before its tests, closes it after. */
export function useBaseRowsDb(): BaseRowsDb {
  const context = {} as BaseRowsDb;
  beforeAll(async () => {
    context.db = await openTestDb();
    context.base = await createBaseRows(context.db);
  });
  afterAll(() => context.db.close());
  return context;
}

/**
 * Registers one test per attack, grouped under each title, all on one database of the
 * file's own holding the base rows.
 */
export function testAttacks(groups: Record<string, readonly Attack[]>): void {
  const context = useBaseRowsDb();

  for (const [title, attacks] of Object.entries(groups)) {
    describe(title, () => {
      it.each(attacks.map((attack, i) => [attack.rule, i, attack] as const))(
        '%s refuses what lies beyond it and writes nothing of it (case %i)',
        (_rule, _i, attack) => runAttack(context.db, context.base, attack),
      );
    });
  }
}

/**
 * Registers a test that attacks the rule (a trigger, or a key that needs a scenario of its
 * own) named first; rule-coverage.test.ts reads that name from the source.
 */
export function attacks(rule: string, title: string, body: () => Promise<void>): void {
  it(`${rule}: ${title}`, body);
}
