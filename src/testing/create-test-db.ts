import { type CutxDb, openDb } from '../db/open.js';
import { migratedTemplate } from './template.js';

/**
 * A fresh, isolated, migrated in-memory database for one test, loaded from the cached
 * template rather than migrated from scratch. Close it when the test is done.
 *
 * @example const db = await createTestDb(); const f = createFactories(db, { seed: 1 })
 */
export async function createTestDb(): Promise<CutxDb> {
  return openDb({ loadDataDir: await migratedTemplate(), migrate: false });
}
