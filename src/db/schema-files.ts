import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CutxDbError } from './errors.js';

/** One numbered SQL file of `schema/`, with the checksum the migration table records. */
export interface SchemaFile {
  name: string;
  sql: string;
  checksum: string;
  /** The file's first line is `-- cutx:no-transaction`: it runs outside a transaction. */
  noTransaction: boolean;
}

/** How a schema file is named: four digits, an underscore, lower-case words, `.sql`. */
export const SCHEMA_FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

/**
 * The first line that lets a file run outside a transaction, for the one statement that
 * cannot run in one (`CREATE INDEX CONCURRENTLY`), as graphile-migrate's `--! no-transaction`.
 */
export const NO_TRANSACTION_MARKER = '-- cutx:no-transaction';

const FIRST_FILE = '0001_foundation.sql';

/**
 * The `schema/` folder of this package: `CUTX_SCHEMA_DIR` when set (`npm run
 * test:mutations` plants bugs in a scratch copy; templates are keyed by the files'
 * checksum, so a cached template of one copy is never used for another), else the package's
 * own. Worked out from this module's path without reading the disk, so loading the package
 * never fails for want of it: `readSchemaFiles` checks the folder when it reads it.
 */
export const schemaDir: string = resolveSchemaDir(process.env.CUTX_SCHEMA_DIR, dirname(fileURLToPath(import.meta.url)));
const schemaOverride = process.env.CUTX_SCHEMA_DIR || undefined;

/**
 * `override` when given, else the `schema/` of the package whose module folder is `from`:
 * two levels below the package root (`src/db/`), three in the build (`dist/src/db/`).
 */
export function resolveSchemaDir(override: string | undefined, from: string): string {
  if (override) return resolve(override);
  const levels = basename(dirname(dirname(from))) === 'dist' ? 3 : 2;
  return resolve(from, ...Array<string>(levels).fill('..'), 'schema');
}

/**
 * Refuses a schema folder without the first schema file, saying why: `override` is the
 * CUTX_SCHEMA_DIR it came from, if any, else it was the package's own.
 */
export function assertSchemaDir(dir: string, override: string | undefined): void {
  if (existsSync(join(dir, FIRST_FILE))) return;
  if (override) {
    throw new CutxDbError(
      'schema_missing',
      `CUTX_SCHEMA_DIR is ${dir}, which holds no ${FIRST_FILE}: point it at a copy of schema/, or unset it.`,
    );
  }
  throw new CutxDbError(
    'schema_missing',
    `No ${FIRST_FILE} in ${dir}: @cutx/db reads its schema files from its installed package folder, and this ` +
      'code runs from elsewhere (a bundle?); set CUTX_SCHEMA_DIR to a copy of node_modules/@cutx/db/schema.',
  );
}

/**
 * Reads the schema files in the order they apply (lexical, which is numeric here). A `.sql`
 * file whose name breaks the naming rule is refused rather than skipped: skipped, it would
 * never be applied and nobody would notice.
 */
export function readSchemaFiles(dir: string = schemaDir): SchemaFile[] {
  if (dir === schemaDir) assertSchemaDir(dir, schemaOverride);
  const names = readdirSync(dir).filter((name) => name.endsWith('.sql'));
  const misnamed = names.filter((name) => !SCHEMA_FILE_NAME.test(name));
  if (misnamed.length > 0) {
    throw new CutxDbError(
      'schema_file_misnamed',
      `${misnamed.map((name) => join(dir, name)).join(', ')}: a schema file is named NNNN_lower_case_words.sql ` +
        '(four digits, an underscore, lower-case letters, digits and underscores); rename it.',
    );
  }
  return names.sort().map((name) => {
    const sql = readFileSync(join(dir, name), 'utf8');
    const firstLine = sql.split('\n', 1)[0]?.trim();
    return { name, sql, checksum: sha256(sql), noTransaction: firstLine === NO_TRANSACTION_MARKER };
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
