import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { cutxDbWorkers } from '@cutx/db/workers';
import { defineConfig } from 'vitest/config';

const engine = process.env.CUTX_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
const db = cutxDbWorkers({ binding: 'HYPERDRIVE', engine });

export default defineConfig({
  plugins: [db.plugin, cloudflareTest(db.poolOptions({ wrangler: { configPath: './wrangler.jsonc' } }))],
});
