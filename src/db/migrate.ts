import { CutxDbError, toCutxDbError } from './errors.js';
import { readSchemaFiles, type SchemaFile } from './schema-files.js';
import type { SqlClient } from './sql-client.js';

/** What `migrate` did: the files it applied now, and those that were already there. */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

// Kept out of `public`, so the schema's own catalog holds exactly the domain's tables.
const SETUP = `
CREATE SCHEMA IF NOT EXISTS cutx_migrate;
CREATE TABLE IF NOT EXISTS cutx_migrate.migrations (
  name       text PRIMARY KEY,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

// Two processes migrating one server at once would race; the lock makes the second wait.
const LOCK_KEY = 7_410_392_118;

/**
 * Applies the schema files that the database has not seen yet, in one transaction (a
 * failure leaves the database as it was), and records them with their checksums. Running it again is a no-op. A file
 * that was applied and has changed since is refused: schema changes go in a new file.
 *
 * @example await migrate(db) // { applied: ['0001_foundation.sql', ...], alreadyApplied: [] }
 */
export async function migrate(
  client: SqlClient,
  files: readonly SchemaFile[] = readSchemaFiles(),
): Promise<MigrationResult> {
  await client.exec(SETUP);
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  await client.exec('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const recorded = await appliedChecksums(client);
    for (const file of files) {
      const checksum = recorded.get(file.name);
      if (checksum === undefined) {
        await applyFile(client, file);
        result.applied.push(file.name);
      } else if (checksum === file.checksum) {
        result.alreadyApplied.push(file.name);
      } else {
        throw new CutxDbError(
          'migration_changed',
          `schema/${file.name} was already applied to this database and has changed since. ` +
            'Restore the applied version and put the change in a new numbered file.',
        );
      }
    }
    await client.exec('COMMIT');
  } catch (error) {
    await client.exec('ROLLBACK');
    throw error;
  }
  return result;
}

async function appliedChecksums(client: SqlClient): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM cutx_migrate.migrations',
  );
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

async function applyFile(client: SqlClient, file: SchemaFile): Promise<void> {
  try {
    await client.exec(file.sql);
  } catch (error) {
    const cause = toCutxDbError(error);
    throw new CutxDbError('migration_failed', `schema/${file.name} failed to apply: ${cause.message}`, {
      cause,
      sqlState: cause.sqlState,
    });
  }
  await client.query('INSERT INTO cutx_migrate.migrations (name, checksum) VALUES ($1, $2)', [
    file.name,
    file.checksum,
  ]);
}
