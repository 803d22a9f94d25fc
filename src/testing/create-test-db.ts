import { createPglite } from '../db/create-pglite.js';
import type { CutxDb } from '../db/open.js';
import { migratedTemplate } from '../db/template/migrated-template.js';

/**
 * A fresh, isolated, migrated in-memory database for one test, loaded from the cached
 * template rather than migrated from scratch. Close it when the test is done. For many
 * tests in one file, `createIsolatedDb` is far cheaper: one database, reset between tests.
 *
 * @example const db = await createTestDb(); const f = createFactories(db, { seed: 1 })
 */
export async function createTestDb(): Promise<CutxDb> {
  return createPglite({}, migratedTemplate);
}
