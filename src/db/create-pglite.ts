import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { CutxDb } from './cutx-db.js';
import { type ClaimedDataDir, claimDataDir } from './data-dir.js';
import { pgliteOptions } from './pglite-options.js';
import { pgliteAssets } from './template/pglite-assets.js';

/**
 * Creates a PGlite instance the one way this package does: with the schema's extensions
 * and parsers, reusing the process's compiled PGlite module and file-system bundle. A
 * `dataDir` on disk is claimed first (checked and locked until `close`, see `claimDataDir`);
 * `template` (a data-dir tarball, not migrated again) is loaded only into a directory that
 * holds no database yet. Takes the template as a function so reading it overlaps with
 * compiling PGlite in a new process.
 */
export async function createPglite(options: PGliteOptions = {}, template?: () => Promise<Blob>): Promise<CutxDb> {
  const directory = nodeDirectory(options.dataDir);
  const claimed = directory === undefined ? undefined : claimDataDir(directory);
  try {
    const [{ wasmModule, fsBundle }, loadDataDir] = await Promise.all([
      pgliteAssets(),
      claimed?.fresh === false ? undefined : template?.(),
    ]);
    // A new directory is marked until it holds a whole database: a kill meanwhile is undone
    // by the next open (see `claimDataDir`).
    const initialised = claimed?.fresh === true ? claimed.initialising() : undefined;
    const db = await PGlite.create({
      ...pgliteOptions,
      pgliteWasmModule: wasmModule,
      fsBundle,
      ...options,
      ...(claimed === undefined ? {} : { dataDir: claimed.path }),
      ...(loadDataDir === undefined ? {} : { loadDataDir }),
    });
    initialised?.();
    if (claimed !== undefined) releaseOnClose(db, claimed);
    return db;
  } catch (error) {
    claimed?.release();
    throw error;
  }
}

/**
 * The folder PGlite keeps `dataDir` in, or undefined when it keeps none on disk: omitted,
 * `memory://`, or a browser store such as `idb://`. An empty string is returned as a folder
 * so that `claimDataDir` refuses it rather than PGlite quietly using memory.
 */
function nodeDirectory(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined) return undefined;
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) ? undefined : dataDir;
}

function releaseOnClose(db: CutxDb, claimed: ClaimedDataDir): void {
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      claimed.release();
    }
  };
}
