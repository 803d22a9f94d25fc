import type { TransactionalClient } from '../../src/db/sql-client.js';
import { createTestDb } from '../../src/testing/create-test-db.js';
import { createIsolatedDb } from '../../src/testing/isolated-db.js';
import { createIsolatedPgDb, createPgTestDb } from '../../src/testing/pg-test-db.js';

/** The engine this run tests: a real server when CUTX_TEST_DATABASE_URL is set. */
export const engine: 'pglite' | 'postgres' = process.env.CUTX_TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDb extends TransactionalClient {
  close(): Promise<void>;
}

/**
 * A migrated database of the test file's own, on the engine under test: an embedded PGlite
 * copy of the cached template, or a database created from a template on the server.
 */
export async function openTestDb(): Promise<TestDb> {
  const serverUrl = process.env.CUTX_TEST_DATABASE_URL;
  return serverUrl ? createPgTestDb(serverUrl) : createTestDb();
}

/**
 * One database for all the tests of a file, with a reset that empties what each test wrote
 * (committed or not): call it in afterEach.
 */
export async function openIsolatedTestDb(): Promise<{ db: TestDb; reset(): Promise<void> }> {
  const serverUrl = process.env.CUTX_TEST_DATABASE_URL;
  return serverUrl ? createIsolatedPgDb(serverUrl) : createIsolatedDb();
}
