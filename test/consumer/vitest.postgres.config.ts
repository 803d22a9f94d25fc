// The same service tests on the postgres engine: PostgreSQL 15 from npm, a database per worker.
import { cutxDb } from '@cutx/db/vitest/config';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [cutxDb({ engine: 'postgres' })],
  test: { include: ['drivers-url.test.ts', 'suite-2.test.ts', 'suite-4.test.ts'] },
});
