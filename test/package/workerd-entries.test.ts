import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Bundles the package's entry points from dist/ (the global setup builds it) as Cloudflare's
// bundler and the Workers vitest pool resolve them: by package name, with the `workerd`,
// `worker` and `browser` conditions, for no platform. A Node built-in reached from an entry
// a Worker imports fails here, naming the module that imported it.

const WORKERD_CONDITIONS = ['workerd', 'worker', 'browser'];
/** Entry points a Worker imports: they must load with no Node built-in. */
const inWorkers = ['@cutx/db', '@cutx/db/factories', '@cutx/db/schemas', '@cutx/db/kysely', '@cutx/db/drizzle'];
/** Entry points that need Node: in workerd they resolve to a module that throws. */
const nodeOnly = ['@cutx/db/testing', '@cutx/db/vitest', '@cutx/db/vitest/config', '@cutx/db/server', '@cutx/db/seeds'];

let project: string;
beforeAll(() => {
  // A consumer's folder where `@cutx/db` is this repository, so the export map is what resolves.
  project = mkdtempSync(join(tmpdir(), 'cutx-workerd-'));
  mkdirSync(join(project, 'node_modules', '@cutx'), { recursive: true });
  symlinkSync(resolve('.'), join(project, 'node_modules', '@cutx', 'db'), 'dir');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const isBuiltin = (path: string) => path.startsWith('node:') || builtinModules.includes(path.split('/')[0] ?? '');

/** Bundles `source` as workerd would (or Node, with `conditions` ['node']); the built-ins it reached. */
async function bundle(source: string, conditions = WORKERD_CONDITIONS) {
  const builtins: string[] = [];
  const recordBuiltins: Plugin = {
    name: 'record-builtins',
    setup(on) {
      on.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined;
        builtins.push(`${args.path} (imported by ${args.importer.replace(resolve('.'), '.')})`);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    stdin: { contents: source, resolveDir: project, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions,
    mainFields: ['module', 'main'],
    plugins: [recordBuiltins],
    logLevel: 'silent',
  });
  return { builtins, code: result.outputFiles[0]?.text ?? '' };
}

/** Writes a bundle and imports it. */
async function load(code: string, name: string): Promise<Record<string, unknown>> {
  const file = join(project, `${name.replace(/\W+/g, '-')}.mjs`);
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

// It touches no database: once is enough, the PGlite run.
describe('entry points under the workerd conditions', () => {
  it.each(inWorkers)('%s loads with no Node built-in', async (entry) => {
    expect((await bundle(`export * from '${entry}';`)).builtins).toEqual([]);
  });

  it('finds the built-ins of the Node build, where the root reads schema/ from disk', async () => {
    const { builtins } = await bundle(`export * from '@cutx/db';`, ['node']);
    expect(builtins).toEqual(expect.arrayContaining([expect.stringMatching(/^node:fs /)]));
  });

  it.each(nodeOnly)('%s resolves to a module that throws unsupported_runtime naming it', async (entry) => {
    const { builtins, code } = await bundle(`import '${entry}';`);
    expect(builtins).toEqual([]);
    await expect(load(code, entry)).rejects.toMatchObject({
      name: 'CutxDbError',
      code: 'unsupported_runtime',
      message: expect.stringContaining(`'${entry}'`),
    });
  });

  it("exports the Node root's names but schemaDir; its Node-only functions throw when called, not when imported", async () => {
    const workerd = await load((await bundle(`export * from '@cutx/db';`)).code, 'root');
    const node = await import('../../src/index.js');
    expect(Object.keys(workerd).sort()).toEqual(
      Object.keys(node)
        .filter((name) => name !== 'schemaDir')
        .sort(),
    );
    expect(typeof workerd.fromPostgres).toBe('function');
    for (const name of ['openDb', 'migrate', 'readSchemaFiles', 'schemaChecksum']) {
      expect(() => (workerd[name] as () => unknown)()).toThrow(
        expect.objectContaining({
          code: 'unsupported_runtime',
          message: expect.stringMatching(new RegExp(`^${name} `)),
        }),
      );
    }
  });
});
