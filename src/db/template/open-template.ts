import { PGlite } from '@electric-sql/pglite';
import type { CutxDb } from '../open.js';
import { pgliteOptions } from '../pglite-options.js';
import { pgliteAssets } from './pglite-assets.js';

/**
 * Opens an in-memory database from a data-dir tarball, reusing the process's compiled PGlite
 * module and file-system bundle. The tarball is not migrated again: it already is. Takes
 * the tarball as a function so reading it overlaps with compiling PGlite in a new process.
 */
export async function openTemplate(template: () => Promise<Blob>): Promise<CutxDb> {
  const [{ wasmModule, fsBundle }, loadDataDir] = await Promise.all([pgliteAssets(), template()]);
  return PGlite.create({ ...pgliteOptions, pgliteWasmModule: wasmModule, fsBundle, loadDataDir });
}
