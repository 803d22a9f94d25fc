import { defineConfig } from 'vitest/config';

/**
 * The engine this run tests: PostgreSQL with CUTX_TEST_ENGINE=postgres (the global setup
 * starts one) or CUTX_TEST_DATABASE_URL (a server of your own), else embedded PGlite. One
 * engine per run: the global setup points every worker at that engine's databases.
 */
const engine =
  process.env.CUTX_TEST_ENGINE === 'postgres' || process.env.CUTX_TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * Files about one engine's own behaviour, which the other engine's project leaves out. The
 * PGlite ones run scratch copies of the repository through the embedded database (codegen,
 * a new table, the workerd build, the schema gate), test what only an embedded data
 * directory has (its lock, the layers lint run once), test the CLI's own files and folders
 * (the same on either engine, so run once), or test PGlite behind its wire server and the
 * vitest fixture on it. The PostgreSQL ones test what only a real server has: other roles,
 * concurrent sessions, migrate and status against a server database. A file with only some
 * tests about one engine skips those itself.
 */
const onlyOn = {
  pglite: [
    'test/cli/bad-paths.test.ts',
    'test/cli/data-dir-refusals.test.ts',
    'test/cli/interrupted-work.test.ts',
    'test/cli/serve-for-wrangler.test.ts',
    'test/cli/serve.test.ts',
    'test/codegen/schema-change.test.ts',
    'test/db/open-db-lock.test.ts',
    'test/factories/new-table.test.ts',
    'test/package/layers.test.ts',
    'test/package/workerd-entries.test.ts',
    'test/schema-checks/this-schema.test.ts',
    'test/server/engine-restart.test.ts',
    'test/server/pglite-session.test.ts',
    'test/server/pglite-wire.test.ts',
    'test/server/serve-from-checkout.test.ts',
    'test/vitest/fixtures.test.ts',
  ],
  postgres: ['test/postgres/**'],
} satisfies Record<typeof engine, string[]>;
const otherEngine = engine === 'postgres' ? 'pglite' : 'postgres';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/consumer and test/workers run in scratch projects against the packed tarball
    // (scripts/consumer-test.sh, scripts/workers-test.sh).
    exclude: ['test/consumer/**', 'test/workers/**'],
    globalSetup: ['test/global-setup.ts'],
    // Files share their worker's modules: PGlite's compiled WASM, the cached templates and
    // the transformed sources load once per worker instead of once per file. Every file
    // opens its own databases, so no state but those caches is shared.
    isolate: false,
    // Two cores want two workers, not more.
    maxWorkers: 2,
    // Limits, not expectations: no test asserts a duration, and a machine running a second
    // copy of this suite beside it can stretch a seed, an export or a server start severalfold.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: {
          name: engine,
          include: ['test/**/*.test.ts'],
          exclude: ['test/consumer/**', ...onlyOn[otherEngine]],
        },
      },
    ],
  },
});
