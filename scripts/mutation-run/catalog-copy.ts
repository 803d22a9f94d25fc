import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPglite } from '../../src/db/create-pglite.js';
import { migrate } from '../../src/db/migrate.js';
import { readSchemaFiles, schemaChecksum } from '../../src/db/schema-files.js';
import { dumpTemplate, MIN_WAL_START_PARAMS, migratedTemplate } from '../../src/db/template/migrated-template.js';
import { renderGenerated } from '../codegen/generate.js';
import { readMetadata } from '../codegen/read-catalog.js';

/** The unchanged schema's migrated template, and its file name in the cache. */
export interface BaseTemplate {
  blob: Blob;
  fileName: string;
  checksum: string;
}

/**
 * Builds the unchanged schema's template into `cacheDir` (which must hold no other) and
 * returns it: every catalog mutant's copy starts from it.
 */
export async function baseTemplate(cacheDir: string): Promise<BaseTemplate> {
  process.env.CUTX_DB_CACHE_DIR = cacheDir;
  const blob = await migratedTemplate();
  const checksum = schemaChecksum().slice(0, 16);
  const fileName = readdirSync(cacheDir).find((name) => name.includes(checksum));
  if (!fileName) throw new Error(`no template named after the schema checksum ${checksum} in ${cacheDir}`);
  return { blob, fileName, checksum };
}

/**
 * Migrates the unchanged schema's template with the copy's schema/ (so only its new file
 * applies, as `migrate` does on any database already at the last file), regenerates the
 * copy's generated files from that catalog with codegen's own rendering, and writes the
 * result as the copy's template, named as the copy's code will look for it (the checksum
 * of its schema files in place of the unchanged one's). Returns that file's name.
 */
export async function prepareCatalogCopy(dir: string, base: BaseTemplate, cacheDir: string): Promise<string> {
  const files = readSchemaFiles(join(dir, 'schema'));
  const db = await createPglite({ startParams: MIN_WAL_START_PARAMS }, () => Promise.resolve(base.blob));
  try {
    await migrate(db, files);
    for (const [path, text] of Object.entries(renderGenerated(await readMetadata(db)))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const fileName = base.fileName.replace(base.checksum, schemaChecksum(files).slice(0, 16));
    writeFileSync(join(cacheDir, fileName), await dumpTemplate(db));
    return fileName;
  } finally {
    await db.close();
  }
}
