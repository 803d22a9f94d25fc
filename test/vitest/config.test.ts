import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ViteUserConfig } from 'vitest/config';
import { cutxDb } from '../../vitest/config.js';
import { DEFAULT_GC_EVERY_TESTS } from '../../vitest/periodic-gc.js';

/** What the plugin's `config` hook adds to a project's config. */
function added(config: ViteUserConfig, options: Parameters<typeof cutxDb>[0] = {}) {
  const hook = cutxDb(options).config as (config: ViteUserConfig) => ViteUserConfig;
  return hook(config).test ?? {};
}

describe('cutxDb()', () => {
  it('adds its globalSetup and setup file, both files that exist', () => {
    const { globalSetup, setupFiles } = added({});
    expect(globalSetup).toHaveLength(1);
    expect(setupFiles).toHaveLength(1);
    for (const file of [globalSetup, setupFiles].flat()) expect(existsSync(file as string)).toBe(true);
  });

  it('turns isolation off and raises the timeouts when the project leaves them unset', () => {
    expect(added({})).toMatchObject({ isolate: false, testTimeout: 30_000, hookTimeout: 60_000 });
  });

  it("keeps what the project's own config sets", () => {
    const own = { isolate: true, testTimeout: 5_000, hookTimeout: 10_000 };
    expect(added({ test: own })).toMatchObject(own);
  });

  it('hands the engine to the workers, pglite unless asked for postgres', () => {
    expect(added({}).provide).toMatchObject({ cutxDbEngine: 'pglite' });
    expect(added({}, { engine: 'postgres' }).provide).toMatchObject({ cutxDbEngine: 'postgres' });
  });

  it('hands the collection interval to the workers: the default, or a whole number from 0', () => {
    expect(added({}).provide).toMatchObject({ cutxDbGcEvery: DEFAULT_GC_EVERY_TESTS });
    expect(added({}, { collectGarbageEvery: 0 }).provide).toMatchObject({ cutxDbGcEvery: 0 });
    expect(added({}, { collectGarbageEvery: 1 }).provide).toMatchObject({ cutxDbGcEvery: 1 });
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cutxDb({ collectGarbageEvery: bad })).toThrow(
        expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('collectGarbageEvery') }),
      );
    }
  });
});
