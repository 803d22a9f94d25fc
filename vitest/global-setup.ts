import { isolatedTemplate } from '../src/testing/isolated-db.js';

/**
 * Builds the migrated template once, in vitest's main process, before any worker starts:
 * on a fresh install that takes seconds, which would otherwise fall on the first test of
 * every worker (past vitest's default timeout). Workers then load it from the disk cache.
 */
export default async function buildTemplatesOnce(): Promise<void> {
  await isolatedTemplate();
}
