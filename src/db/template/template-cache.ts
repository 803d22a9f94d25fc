import { renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { BytesBlob } from '../bytes-blob.js';
import { makeDirectory } from '../make-directory.js';

/**
 * Where templates are cached: `CUTX_DB_CACHE_DIR` when set, else the user's cache directory
 * (`$XDG_CACHE_HOME/cutx-db`, or `~/.cache/cutx-db`). Never the working directory: a
 * command run from a read-only or unrelated folder must not fail there or litter it. The
 * file names carry the PGlite version and the schema checksum, so projects share it safely.
 */
export function templateCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CUTX_DB_CACHE_DIR) return resolve(env.CUTX_DB_CACHE_DIR);
  // The XDG spec says to ignore a relative XDG_CACHE_HOME.
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'cutx-db');
}

/** Where templates go when the cache directory cannot be written (a home that does not exist). */
function fallbackCacheDir(): string {
  return join(tmpdir(), `cutx-db-cache-${userInfo().uid}`);
}

const inMemory = new Map<string, Promise<Blob>>();

/**
 * The data-dir tarball cached on disk under `fileName`, or the one `build` returns, written
 * there for the next process. Kept in memory for the rest of this process. `fileName` must
 * change whenever what `build` produces would (callers put the schema checksum in it).
 */
export function cachedTemplate(fileName: string, build: () => Promise<Uint8Array>): Promise<Blob> {
  let template = inMemory.get(fileName);
  if (template === undefined) {
    template = readOrBuild(fileName, build).then((bytes) => new BytesBlob(bytes, 'application/x-tar'));
    inMemory.set(fileName, template);
  }
  return template;
}

async function readOrBuild(fileName: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const dirs = [templateCacheDir(), fallbackCacheDir()];
  for (const dir of dirs) {
    try {
      return await readFile(join(dir, fileName));
    } catch {
      // Not cached there: try the next place, then build it.
    }
  }
  const bytes = await build();
  for (const dir of dirs) {
    try {
      makeDirectory(dir);
      // Written aside and renamed, so a parallel worker never reads half a file.
      const partial = join(dir, `${fileName}.${process.pid}.partial`);
      writeFileSync(partial, bytes);
      renameSync(partial, join(dir, fileName));
      break;
    } catch {
      // Unwritable: the next place, or none. The cache only saves the next process a build.
    }
  }
  return bytes;
}
