import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { createFactories } from '@cutx/db/factories';
import { cutxDbWorkers } from '@cutx/db/workers';
import { defineConfig } from 'vitest/config';

const engine = process.env.CUTX_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
const db = cutxDbWorkers({ binding: 'HYPERDRIVE', engine });

// What seed 7 builds in Node, for the suite to compare with what it builds in workerd.
const offline = {
  query: () => Promise.reject(new Error('build() reads nothing')),
  exec: () => Promise.reject(new Error('build() writes nothing')),
};
const usersBuiltInNode = JSON.stringify(createFactories(offline, { seed: 7 }).users.build());

export default defineConfig({
  plugins: [db.plugin, cloudflareTest(db.poolOptions({ wrangler: { configPath: './wrangler.jsonc' } }))],
  test: { provide: { usersBuiltInNode } },
});
