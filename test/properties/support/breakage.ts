import fc from 'fast-check';
import { expect } from 'vitest';
import { openTestDb, type TestDb } from '../../support/test-db.js';

/** A property stated as a function of the database, so it runs on sound and broken schemas alike. */
export type DbProperty<Ts> = (db: TestDb) => Promise<fc.IAsyncProperty<Ts>>;

// Breakage runs use one fixed seed, so a breakage test never passes or fails by luck, and skip
// shrinking: finding a counterexample is the point, and the sound run shrinks its own failures.
const BREAKAGE_SEED = 20_250_101;

/**
 * Runs `property` on a database of its own with `ddl` applied (committed) and expects
 * fast-check to find a counterexample within `numRuns` cases: a property that passes on a
 * broken schema guards nothing.
 */
export async function expectCounterexample<Ts>(ddl: string, property: DbProperty<Ts>, numRuns: number): Promise<void> {
  const db = await openTestDb();
  try {
    await db.exec(ddl);
    const details = await fc.check(await property(db), { numRuns, seed: BREAKAGE_SEED, endOnFailure: true });
    expect(details.failed, `no counterexample in ${details.numRuns} cases after: ${ddl}`).toBe(true);
  } finally {
    await db.close();
  }
}
