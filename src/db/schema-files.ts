import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CutxDbError } from './errors.js';

/** One numbered SQL file of `schema/`, with the checksum the migration table records. */
export interface SchemaFile {
  name: string;
  sql: string;
  checksum: string;
}

const SCHEMA_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

/**
 * The `schema/` folder of this package. Found by walking up from this module, so it is the
 * same folder whether the code runs from `src/` or from the built `dist/src/`.
 */
export const schemaDir: string = findSchemaDir(dirname(fileURLToPath(import.meta.url)));

function findSchemaDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schema');
    if (existsSync(join(candidate, '0001_foundation.sql'))) return candidate;
    if (dirname(dir) === dir) {
      throw new CutxDbError('schema_missing', `No schema/ folder found above ${from}; reinstall @cutx/db.`);
    }
  }
}

/** Reads the schema files in the order they apply (lexical, which is numeric here). */
export function readSchemaFiles(dir: string = schemaDir): SchemaFile[] {
  return readdirSync(dir)
    .filter((name) => SCHEMA_FILE.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: sha256(sql) };
    });
}

/** One hash over every file's name and checksum: it changes whenever the schema does. */
export function schemaChecksum(files: readonly SchemaFile[] = readSchemaFiles()): string {
  return sha256(files.map((file) => `${file.name}:${file.checksum}`).join('\n'));
}

/** The hex SHA-256 of `text`. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
