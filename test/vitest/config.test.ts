import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ViteUserConfig } from 'vitest/config';
import { cutxDb } from '../../vitest/config.js';

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
    expect(added({}).provide).toEqual({ cutxDbEngine: 'pglite' });
    expect(added({}, { engine: 'postgres' }).provide).toEqual({ cutxDbEngine: 'postgres' });
  });
});
