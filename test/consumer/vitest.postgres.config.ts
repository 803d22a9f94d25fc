// The same service tests on the postgres engine: PostgreSQL 15 from npm, a database per
// worker. Every file but the one written against PGlite's own drivers runs here unchanged.
import { cutxDb } from '@cutx/db/vitest/config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [cutxDb({ engine: 'postgres' })],
  test: { exclude: ['drivers-pglite.test.ts', '**/node_modules/**'] },
});
