// The fault suite's own vitest run (spawned by test/vitest/faults.test.ts): the plugin from
// this repository's sources, on the engine CUTX_FAULTS_ENGINE names.
import { defineConfig } from 'vitest/config';
import { cutxDb } from '../../../vitest/config.js';

export default defineConfig({
  plugins: [cutxDb({ engine: process.env.CUTX_FAULTS_ENGINE === 'postgres' ? 'postgres' : 'pglite' })],
  test: { root: import.meta.dirname, include: ['*.fault.ts'], maxWorkers: 1 },
});
