import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/**
 * The `schema/` folder of this package. Found by walking up from this module, so it is the
 * same folder whether the code runs from `src/` or from the built `dist/src/`.
 * `CUTX_SCHEMA_DIR` replaces it with another copy of the schema (`npm run test:mutations`
 * plants bugs in a scratch copy); templates are keyed by the files' checksum, so a cached
 * template of one copy is never used for another.
 */
export const schemaDir: string = resolveSchemaDir(process.env.CUTX_SCHEMA_DIR, dirname(fileURLToPath(import.meta.url)));

/** `override` when given (it must hold the schema's first file), else the package's own `schema/` above `from`. */
export function resolveSchemaDir(override: string | undefined, from: string): string {
  if (!override) return findSchemaDir(from);
  const dir = resolve(override);
  if (!existsSync(join(dir, '0001_foundation.sql'))) {
    throw new CutxDbError(
      'schema_missing',
      `CUTX_SCHEMA_DIR is ${dir}, which holds no 0001_foundation.sql: point it at a copy of schema/, or unset it.`,
    );
  }
  return dir;
}

function findSchemaDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schema');
    if (existsSync(join(candidate, '0001_foundation.sql'))) return candidate;
    if (dirname(dir) === dir) {
      throw new CutxDbError('schema_missing', `No schema/ folder found above ${from}; reinstall @cutx/db.`);
    }
  }
}

/**
 * Reads the schema files in the order they apply (lexical, which is numeric here). A `.sql`
 * file whose name breaks the naming rule is refused rather than skipped: skipped, it would
 * never be applied and nobody would notice.
 */
export function readSchemaFiles(dir: string = schemaDir): SchemaFile[] {
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
