import { CutxDbError, toCutxDbError } from './errors.js';
import { hasMigrationsTable, MIGRATIONS_TABLE, planMigration } from './migration-plan.js';
import { runInTransaction } from './run-in-transaction.js';
import { readSchemaFiles, type SchemaFile } from './schema-files.js';
import type { SqlClient } from './sql-client.js';

/** What `migrate` did: the files it applied now, and those that were already there. */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

const SETUP = `
CREATE SCHEMA IF NOT EXISTS cutx_migrate;
CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  name       text PRIMARY KEY,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

// Two processes migrating one server at once would race; the lock makes the second wait.
// A session lock (not a transaction's), since each file commits on its own.
const LOCK_KEY = 7_410_392_118;

/**
 * Applies the schema files that the database has not seen yet, each in its own transaction
 * with its record (a failing file leaves the files before it applied, and itself not at
 * all), and records them with their checksums. Running it again is a no-op that writes
 * nothing and needs no CREATE privilege. Refuses, before applying anything, an applied file
 * that has changed, gone missing or been renamed, and a new file that sorts before an
 * applied one. A file whose first line is `-- cutx:no-transaction` runs outside a
 * transaction: it must hold one statement (PostgreSQL runs several as one implicit transaction).
 *
 * Concurrent migrators wait on a session advisory lock, so run it on a direct connection
 * (not through a transaction-mode pooler such as Hyperdrive or PgBouncer).
 *
 * @example await migrate(db) // { applied: ['0001_foundation.sql', ...], alreadyApplied: [] }
 */
export async function migrate(
  client: SqlClient,
  files: readonly SchemaFile[] = readSchemaFiles(),
): Promise<MigrationResult> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const { applied, pending } = await planMigration(client, files);
    if (pending.length > 0 && !(await hasMigrationsTable(client))) await setUp(client);
    for (const file of pending) await applyFile(client, file);
    return { applied: pending.map((file) => file.name), alreadyApplied: applied.map((record) => record.name) };
  } finally {
    // If the connection is gone, so is its session lock: an error here would only hide the
    // one that broke the migration.
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
  }
}

async function setUp(client: SqlClient): Promise<void> {
  try {
    await client.exec(SETUP);
  } catch (error) {
    // Under the lock no other migrator races us, but something else creating the schema
    // at the same time can still make IF NOT EXISTS throw (it checks, then inserts): fine
    // if the table is there now.
    if (!(await hasMigrationsTable(client))) throw toCutxDbError(error, SETUP);
  }
}

async function applyFile(client: SqlClient, file: SchemaFile): Promise<void> {
  const apply = async (on: SqlClient) => {
    await on.exec(file.sql);
    await on.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [file.name, file.checksum]);
  };
  try {
    // Without a transaction it is recorded only once it succeeded; a failure leaves it
    // pending, to be fixed and rerun.
    await (file.noTransaction ? apply(client) : runInTransaction(client, apply));
  } catch (error) {
    const cause = toCutxDbError(error);
    throw new CutxDbError('migration_failed', `schema/${file.name} failed to apply: ${cause.message}`, {
      cause,
      sqlState: cause.sqlState,
    });
  }
}
