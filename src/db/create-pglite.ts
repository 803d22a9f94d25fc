import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { CutxDb } from './open.js';
import { pgliteOptions } from './pglite-options.js';
import { pgliteAssets } from './template/pglite-assets.js';

/**
 * Creates a PGlite instance the one way this package does: with the schema's extensions
 * and parsers, reusing the process's compiled PGlite module and file-system bundle, and
 * starting from `template` (a data-dir tarball, not migrated again) when one is given.
 * Takes the template as a function so reading it overlaps with compiling PGlite in a new
 * process.
 */
export async function createPglite(options: PGliteOptions = {}, template?: () => Promise<Blob>): Promise<CutxDb> {
  const [{ wasmModule, fsBundle }, loadDataDir] = await Promise.all([pgliteAssets(), template?.()]);
  return PGlite.create({
    ...pgliteOptions,
    pgliteWasmModule: wasmModule,
    fsBundle,
    ...options,
    ...(loadDataDir === undefined ? {} : { loadDataDir }),
  });
}
