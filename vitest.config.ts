import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/consumer and test/workers run in scratch projects against the packed tarball
    // (scripts/consumer-test.sh, scripts/workers-test.sh).
    exclude: ['test/consumer/**', 'test/workers/**'],
    globalSetup: ['test/global-setup.ts'],
    // Files share their worker's modules: PGlite's compiled WASM, the cached templates and
    // the transformed sources load once per worker instead of once per file (92 s -> 60 s).
    // Every file opens its own databases, so no state but those caches is shared.
    isolate: false,
    // Two cores want two workers, not more.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
