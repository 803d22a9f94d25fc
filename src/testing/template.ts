import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { openDb } from '../db/open.js';
import { schemaChecksum } from '../db/schema-files.js';

// PGlite does not export its package.json; it sits one folder above its entry point.
const pgliteManifest = join(
  dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
  '..',
  'package.json',
);
const pgliteVersion: string = JSON.parse(readFileSync(pgliteManifest, 'utf8')).version;

/** Where migrated templates are cached: beside other tools' caches, overridable for CI. */
export function templateCacheDir(): string {
  return resolve(process.env.CUTX_DB_CACHE_DIR ?? join('node_modules', '.cache', 'cutx-db'));
}

let template: Promise<Blob> | undefined;

/**
 * A data-dir tarball of a freshly migrated database. Built once per schema and PGlite
 * version, cached on disk (keyed by both), and kept in memory for the rest of the process.
 */
export function migratedTemplate(): Promise<Blob> {
  template ??= loadOrBuildTemplate();
  return template;
}

async function loadOrBuildTemplate(): Promise<Blob> {
  const file = join(templateCacheDir(), `template-${pgliteVersion}-${schemaChecksum().slice(0, 16)}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const db = await openDb();
    const dump = await db.dumpDataDir('none');
    await db.close();
    const bytes = new Uint8Array(await dump.arrayBuffer());
    mkdirSync(templateCacheDir(), { recursive: true });
    // Written aside and renamed, so a parallel worker never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return new Blob([bytes]);
  }
}
