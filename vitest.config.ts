import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/consumer runs in a scratch project against the packed tarball (scripts/consumer-test.sh).
    exclude: ['test/consumer/**'],
    // PGlite compiles its WASM once per worker; two cores want two workers, not more.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
