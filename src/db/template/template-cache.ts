import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BytesBlob } from '../bytes-blob.js';

/** Where templates are cached: beside other tools' caches, overridable for CI. */
export function templateCacheDir(): string {
  return resolve(process.env.CUTX_DB_CACHE_DIR ?? join('node_modules', '.cache', 'cutx-db'));
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
    template = readOrBuild(join(templateCacheDir(), fileName), build).then(
      (bytes) => new BytesBlob(bytes, 'application/x-tar'),
    );
    inMemory.set(fileName, template);
  }
  return template;
}

async function readOrBuild(file: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch {
    const bytes = await build();
    mkdirSync(templateCacheDir(), { recursive: true });
    // Written aside and renamed, so a parallel worker never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return bytes;
  }
}
