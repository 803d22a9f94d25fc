import type { SqlClient } from '../../../src/db/sql-client.js';

/**
 * Runs one case inside a transaction that is always rolled back, so every case starts from
 * the same database at the cost of a BEGIN and a ROLLBACK.
 */
export async function rolledBack<T>(db: SqlClient, body: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN');
  try {
    return await body();
  } finally {
    await db.exec('ROLLBACK');
  }
}

/** The fields of a database error that the guarantees are stated in. */
export interface SqlError {
  code: string;
  constraint?: string;
}

/**
 * Runs one statement under a savepoint inside a case's transaction. A refused statement
 * is rolled back to the savepoint, so the case goes on, and its error is returned.
 */
export async function attempt(db: SqlClient, sql: string, params: unknown[] = []): Promise<SqlError | undefined> {
  await db.exec('SAVEPOINT attempt');
  try {
    await db.query(sql, params);
    await db.exec('RELEASE SAVEPOINT attempt');
    return undefined;
  } catch (error) {
    await db.exec('ROLLBACK TO SAVEPOINT attempt');
    const { code, constraint } = error as { code?: unknown; constraint?: unknown };
    if (typeof code !== 'string') throw error;
    return typeof constraint === 'string' ? { code, constraint } : { code };
  }
}
