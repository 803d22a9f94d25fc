// The same pool with no database behind the binding: the baseline for per-test-cost.test.ts.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// wrangler wants a local database for the binding; nothing connects to this one.
process.env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE = 'postgresql://postgres:unused@127.0.0.1:9/none';

export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' } })],
  test: { include: ['test/per-test-cost.test.ts'] },
});
