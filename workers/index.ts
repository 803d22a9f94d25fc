import type { Plugin } from 'vitest/config';
import { siblingModule } from '../src/db/sibling-module.js';
import { hyperdriveVariable } from '../src/server/hyperdrive-variable.js';
import { resetService } from './reset-service.js';
import { startWorkersDatabase, type WorkersDatabase } from './workers-database.js';
import { type CutxDbWorkersOptions, checkWorkersOptions, RESET_BINDING } from './workers-options.js';

export type { CutxDbWorkersOptions } from './workers-options.js';

/** The part of the Workers pool's options that `poolOptions` fills in. */
export interface WorkersPoolOptionsShape {
  miniflare?: { hyperdrives?: Record<string, string>; serviceBindings?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

/** What `cutxDbWorkers` returns: a vitest plugin, and the options to give `cloudflareTest`. */
export interface CutxDbWorkers {
  /** Adds the per-test reset (a setup file run in workerd), runs test files one at a time, and stops the database after the run. */
  plugin: Plugin;
  /**
   * Your `cloudflareTest` options, with the database started (once) and its URL put in the
   * Hyperdrive binding and in `CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_<binding>`.
   */
  poolOptions<T extends WorkersPoolOptionsShape>(options?: T): () => Promise<T>;
}

/**
 * A CutX database behind a Worker's Hyperdrive binding, for its tests in
 * `@cloudflare/vitest-plugin` (or `@cloudflare/vitest-pool-workers`): started once for the
 * run with the schema applied, emptied before every test (the Worker's sessions ended
 * first), stopped at the end. Needs `pg` in the devDependencies (Node side only).
 *
 * @example
 * // vitest.config.ts
 * import { cloudflareTest } from '@cloudflare/vitest-plugin';
 * import { cutxDbWorkers } from '@cutx/db/workers';
 * import { defineConfig } from 'vitest/config';
 * const db = cutxDbWorkers({ binding: 'HYPERDRIVE', engine: 'pglite' });
 * export default defineConfig({
 *   plugins: [db.plugin, cloudflareTest(db.poolOptions({ wrangler: { configPath: './wrangler.jsonc' } }))],
 * });
 */
export function cutxDbWorkers(options: CutxDbWorkersOptions): CutxDbWorkers {
  const { binding, engine } = checkWorkersOptions(options);
  let started: Promise<WorkersDatabase> | undefined;
  const database = () => {
    started ??= startWorkersDatabase(engine);
    return started;
  };
  const reset = resetService(database);
  return {
    plugin: {
      name: '@cutx/db/workers',
      config: () => ({ test: { setupFiles: [siblingModule(import.meta.url, 'setup')], fileParallelism: false } }),
      configureVitest({ vitest }) {
        vitest.onClose(async () => {
          const running = started;
          started = undefined;
          await (await running)?.stop();
        });
      },
    },
    poolOptions(poolOptions) {
      return async () => {
        const { url } = await database();
        // The pool's wrangler refuses a Hyperdrive binding without a local database of its own.
        process.env[hyperdriveVariable(binding)] = url;
        const given = poolOptions ?? ({} as NonNullable<typeof poolOptions>);
        const miniflare = given.miniflare ?? {};
        return {
          ...given,
          miniflare: {
            ...miniflare,
            hyperdrives: { ...miniflare.hyperdrives, [binding]: url },
            serviceBindings: { ...miniflare.serviceBindings, [RESET_BINDING]: reset },
          },
        };
      };
    },
  };
}
