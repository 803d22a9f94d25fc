import { CutxDbError, toCutxDbError } from './errors.js';
import { checkFileStatements, dropInvalidIndexes, refuseInvalidIndexes } from './migration-guards.js';
import { hasMigrationsTable, MIGRATIONS_TABLE, planMigration } from './migration-plan.js';
import { runInTransaction } from './run-in-transaction.js';
import { readSchemaFiles, type SchemaFile } from './schema-files.js';
import type { SqlClient } from './sql-client.js';

/** What `migrate` did: the files it applied now, and those that were already there. */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/** How `migrate` waits and what it says. */
export interface MigrateOptions {
  /**
   * How long to wait for another migrator's lock before giving up, naming the backend that
   * holds it (a PostgreSQL interval: `'5min'`, `'30s'`). Default `'5min'`.
   */
  lockWait?: string;
  /**
   * The `lock_timeout` of the migrating session, so a statement queued behind a long
   * transaction fails instead of blocking every query on the table behind it. A file's own
   * `SET LOCAL lock_timeout` wins inside that file. Default `'10s'`; `'0'` waits for ever.
   */
  lockTimeout?: string;
  /** Called once the migration lock is held, with the files about to be applied (not called when none is). */
  onApplying?: (pending: readonly SchemaFile[]) => void;
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
/** The advisory lock key migrators take, each in its session. */
export const MIGRATION_LOCK_KEY = 7_410_392_118;

/**
 * Applies the schema files that the database has not seen yet, each in its own transaction
 * with its record (a failing file leaves the files before it applied, and itself not at
 * all), and records them with their checksums. Running it again is a no-op that writes
 * nothing and needs no CREATE privilege. Refuses, before applying anything: an applied file
 * that has changed, gone missing or been renamed; a new file that sorts before an applied
 * one; a file with transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT...), which would
 * leave part of it applied; a `-- cutx:no-transaction` file of more than one statement
 * (PostgreSQL runs several as one implicit transaction); and an INVALID index, left by a
 * failed concurrent build, which a rerun would trip on or keep. A concurrent index build
 * that fails drops the INVALID index it leaves.
 *
 * Concurrent migrators wait on a session advisory lock, up to `lockWait`, so run it on a
 * direct connection (not through a transaction-mode pooler such as Hyperdrive or PgBouncer).
 *
 * @example await migrate(db) // { applied: ['0001_foundation.sql', ...], alreadyApplied: [] }
 */
export async function migrate(
  client: SqlClient,
  files: readonly SchemaFile[] = readSchemaFiles(),
  options: MigrateOptions = {},
): Promise<MigrationResult> {
  const restore = await acquireLock(client, options.lockWait ?? '5min');
  try {
    const { applied, pending } = await planMigration(client, files);
    for (const file of pending) await checkFileStatements(file);
    if (pending.length > 0) {
      await refuseInvalidIndexes(client);
      options.onApplying?.(pending);
      await setConfig(client, 'lock_timeout', options.lockTimeout ?? '10s');
      if (!(await hasMigrationsTable(client))) await setUp(client);
    }
    for (const file of pending) await applyFile(client, file);
    return { applied: pending.map((file) => file.name), alreadyApplied: applied.map((record) => record.name) };
  } finally {
    // If the connection is gone, so is its session lock: an error here would only hide the
    // one that broke the migration.
    await setConfig(client, 'lock_timeout', restore).catch(() => undefined);
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}

/** Takes the migration lock, waiting at most `wait`; returns the session's lock_timeout, to restore. */
async function acquireLock(client: SqlClient, wait: string): Promise<string> {
  const { rows } = await client.query<{ was: string }>(`SELECT current_setting('lock_timeout') AS was`);
  const was = rows[0]?.was ?? '0';
  await setConfig(client, 'lock_timeout', wait);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    await setConfig(client, 'lock_timeout', was).catch(() => undefined);
    const cause = toCutxDbError(error);
    if (cause.sqlState !== '55P03') throw cause;
    throw new CutxDbError(
      'database_error',
      `Another migration held the migration lock for ${wait}: ${await holder(client)}`,
      {
        cause,
        sqlState: cause.sqlState,
      },
    );
  }
  return was;
}

/** Who holds the migration lock, and how to end it if its migrator is gone (a killed migrator's backend lives on). */
async function holder(client: SqlClient): Promise<string> {
  const { rows } = await client.query<{ pid: number; who: string }>(
    `SELECT a.pid, format('backend %s (user %s, application %L, from %s, %s since %s, running: %s)', a.pid,
              a.usename, a.application_name, COALESCE(host(a.client_addr), 'a local socket'), a.state,
              to_char(a.state_change, 'YYYY-MM-DD HH24:MI:SS TZ'), left(a.query, 200)) AS who
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND (l.classid::bigint << 32 | l.objid::bigint) = $1 AND l.objsubid = 1`,
    [MIGRATION_LOCK_KEY],
  );
  const row = rows[0];
  if (row === undefined) return 'it is free now; run migrate again.';
  return (
    `${row.who}. Wait for it to finish and run migrate again; if its migrator is gone (killed), end the backend ` +
    `with SELECT pg_terminate_backend(${row.pid}); and rerun.`
  );
}

async function setConfig(client: SqlClient, name: string, value: string): Promise<void> {
  await client.query('SELECT set_config($1, $2, false)', [name, value]);
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
    const dropped = file.noTransaction ? await dropInvalidIndexes(client) : [];
    const cleaned = dropped.length === 0 ? '' : ` The INVALID index it left (${dropped.join(', ')}) was dropped.`;
    throw new CutxDbError('migration_failed', `schema/${file.name} failed to apply: ${cause.message}${cleaned}`, {
      cause,
      sqlState: cause.sqlState,
    });
  }
}
