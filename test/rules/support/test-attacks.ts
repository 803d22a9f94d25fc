import { afterAll, beforeAll, describe, it } from 'vitest';
import { openTestDb, type TestDb } from '../../support/test-db.js';
import { type Attack, runAttack } from './attack.js';
import { type BaseRows, createBaseRows } from './base-rows.js';

/**
 * Registers one test per attack, grouped under each title, all on one database of the
 * file's own holding the base rows.
 */
export function testAttacks(groups: Record<string, readonly Attack[]>): void {
  let db: TestDb;
  let base: BaseRows;
  beforeAll(async () => {
    db = await openTestDb();
    base = await createBaseRows(db);
  });
  afterAll(() => db.close());

  for (const [title, attacks] of Object.entries(groups)) {
    describe(title, () => {
      it.each(attacks.map((attack, i) => [attack.rule, i, attack] as const))(
        '%s refuses what lies beyond it and writes nothing of it (case %i)',
        (_rule, _i, attack) => runAttack(db, base, attack),
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
