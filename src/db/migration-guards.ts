import { CutxDbError } from './errors.js';
import type { SchemaFile } from './schema-files.js';
import type { SqlClient } from './sql-client.js';
import { parseStatements } from './sql-statements.js';

/**
 * Refuses, before anything runs, a file the runner cannot apply safely: transaction control
 * (migrate owns the transaction; a COMMIT inside would leave the file half applied and
 * unrecorded, and the rerun stuck on what it made), and a `-- cutx:no-transaction` file that
 * is not exactly one statement. Read with PostgreSQL's parser, not by looking for words.
 */
export async function checkFileStatements(file: SchemaFile): Promise<void> {
  const where = `schema/${file.name}`;
  const statements = await parseStatements(file.sql, where);
  const control = statements.find((statement) => statement.type === 'TransactionStmt');
  if (control !== undefined) {
    throw new CutxDbError(
      'migration_failed',
      `${where} line ${control.line} has transaction control (${control.text.split(/\s/)[0]}): migrate runs each ` +
        'file in one transaction of its own. Remove it; a statement that cannot run in a transaction goes alone in ' +
        'a file that starts with -- cutx:no-transaction.',
    );
  }
  if (file.noTransaction && statements.length !== 1) {
    throw new CutxDbError(
      'migration_failed',
      `${where} runs outside a transaction (-- cutx:no-transaction) but holds ${statements.length} statements: ` +
        'PostgreSQL would run them as one implicit transaction. Put each in a file of its own.',
    );
  }
}

/** The INVALID indexes of `public`: what a failed CREATE INDEX CONCURRENTLY leaves behind. */
export async function invalidIndexes(client: SqlClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(i.relname) AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE i.relnamespace = 'public'::regnamespace AND NOT x.indisvalid ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/**
 * Refuses to migrate over an INVALID index: a rerun of its CREATE INDEX CONCURRENTLY would
 * fail on the name, or, with IF NOT EXISTS, record the broken index as applied.
 */
export async function refuseInvalidIndexes(client: SqlClient): Promise<void> {
  const invalid = await invalidIndexes(client);
  if (invalid.length === 0) return;
  throw new CutxDbError(
    'migration_failed',
    `The index ${invalid.join(', ')} is INVALID (a concurrent build that failed): it serves no query but slows ` +
      `every write. Drop it with ${invalid.map((name) => `DROP INDEX CONCURRENTLY ${name};`).join(' ')} and run migrate again.`,
  );
}

/** Drops the INVALID indexes a failed concurrent build left; returns their names. */
export async function dropInvalidIndexes(client: SqlClient): Promise<string[]> {
  const dropped: string[] = [];
  for (const name of await invalidIndexes(client).catch(() => [])) {
    const done = await client.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`).then(
      () => true,
      () => false,
    );
    if (done) dropped.push(name);
  }
  return dropped;
}
