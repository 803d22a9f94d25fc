import { CutxDbError } from './errors.js';
import type { SchemaFile } from './schema-files.js';
import type { SqlClient } from './sql-client.js';

/** Where migrate keeps its bookkeeping: outside `public`, so the domain's catalog holds only its tables. */
export const MIGRATIONS_TABLE = 'cutx_migrate.migrations';

/** One file recorded as applied to a database. */
export interface AppliedMigration {
  name: string;
  checksum: string;
  appliedAt: Date;
}

/** What a database has applied and what `migrate` would apply to it, after the checks pass. */
export interface MigrationPlan {
  applied: AppliedMigration[];
  pending: SchemaFile[];
}

/**
 * Reads what `client` has applied and compares it with `files`, without writing anything
 * (a database never migrated has no bookkeeping yet: everything is pending). Refuses, as
 * Kysely's migrator does, a history the files no longer explain: an applied file that has
 * changed, is missing or was renamed, and a new file that sorts before the last applied one
 * (it would apply after files written later than it, unlike on a fresh database).
 */
export async function planMigration(client: SqlClient, files: readonly SchemaFile[]): Promise<MigrationPlan> {
  const applied = await readApplied(client);
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const record of applied) {
    const file = byName.get(record.name);
    if (file === undefined) throw missingOrRenamed(record, files, applied);
    if (file.checksum !== record.checksum) {
      throw new CutxDbError(
        'migration_changed',
        `schema/${file.name} was already applied to this database and has changed since. ` +
          'Restore the applied version and put the change in a new numbered file.',
      );
    }
  }
  const appliedNames = new Set(applied.map((record) => record.name));
  const pending = files.filter((file) => !appliedNames.has(file.name));
  const last = applied
    .map((record) => record.name)
    .sort()
    .at(-1);
  const early = last === undefined ? [] : pending.filter((file) => file.name < last);
  if (last !== undefined && early.length > 0) {
    throw new CutxDbError(
      'migration_out_of_order',
      `${early.map((file) => `schema/${file.name}`).join(', ')} sorts before ${last}, which this database ` +
        'has already applied. Renumber it after the last applied file.',
    );
  }
  return { applied, pending };
}

function missingOrRenamed(
  record: AppliedMigration,
  files: readonly SchemaFile[],
  applied: readonly AppliedMigration[],
): CutxDbError {
  const appliedNames = new Set(applied.map((other) => other.name));
  const renamed = files.find((file) => file.checksum === record.checksum && !appliedNames.has(file.name));
  if (renamed !== undefined) {
    return new CutxDbError(
      'migration_renamed',
      `schema/${renamed.name} is ${record.name}, applied to this database under that name, renamed. ` +
        `Give it back the name ${record.name}: applied files never change.`,
    );
  }
  return new CutxDbError(
    'migration_missing',
    `schema/${record.name} was applied to this database but is no longer in schema/. ` +
      'Restore it: applied files never change or go away; undo a change with a new numbered file.',
  );
}

/** Whether the database has migrate's bookkeeping table; asking writes nothing. */
export async function hasMigrationsTable(client: SqlClient): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AS exists`,
  );
  return rows[0]?.exists === true;
}

async function readApplied(client: SqlClient): Promise<AppliedMigration[]> {
  if (!(await hasMigrationsTable(client))) return [];
  const { rows } = await client.query<AppliedMigration>(
    `SELECT name, checksum, applied_at AS "appliedAt" FROM ${MIGRATIONS_TABLE} ORDER BY name`,
  );
  return rows;
}
