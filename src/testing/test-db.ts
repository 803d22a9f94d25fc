import type { CutxDb } from '../db/open.js';
import type { TransactionalClient } from '../db/sql-client.js';
import { createIsolatedDb } from './isolated-db.js';
import { createIsolatedPgDb } from './pg-test-db.js';

/** Where `openTestDb` makes its database. */
export interface TestDbOptions {
  /**
   * A PostgreSQL server to create the database on, as a superuser's URL (the reset turns
   * triggers off for its deletes). Omitted: an embedded PGlite database in this process.
   */
  serverUrl?: string | undefined;
}

/**
 * The SQL client a test database is on both engines: `query`, `exec`, `transaction` and
 * `isInTransaction`, with the same value types (pg's default parsers on both), so code that
 * takes one runs unchanged on either.
 */
export interface TestSql extends TransactionalClient {
  /** Whether a transaction is open on the database's own session (BEGIN without COMMIT yet). */
  isInTransaction(): boolean;
}

/** A migrated test database, from `openTestDb`. */
export interface TestDb extends TestSql {
  /** The database's `postgresql://` URL on the server; undefined for an embedded one. */
  readonly url: string | undefined;
  /** The embedded PGlite instance, for PGlite's own drivers; undefined on a server. */
  readonly pglite: CutxDb | undefined;
  /**
   * Back to the migrated template, in about a millisecond: rolls back an open transaction,
   * ends the server's other sessions left in a transaction or running a statement, empties
   * every table written since the last reset and resets session settings. Call it before
   * (or after) each test; it undoes row writes, not DDL.
   */
  reset(): Promise<void>;
  /** Closes the database (on a server: drops it). */
  close(): Promise<void>;
}

/**
 * The one way to get a test database outside the vitest fixture: in this process (PGlite,
 * loaded from the cached template) or, with `serverUrl`, a database of its own on a
 * PostgreSQL server (cloned from a template database). Open one per test file and `reset`
 * it between tests; within vitest, the `db` fixture of `@cutx/db/vitest` does that for you.
 *
 * @example
 * const db = await openTestDb({ serverUrl: process.env.TEST_SERVER_URL });
 * beforeEach(() => db.reset());
 * afterAll(() => db.close());
 */
export async function openTestDb(options: TestDbOptions = {}): Promise<TestDb> {
  if (options.serverUrl !== undefined) {
    const { db, reset } = await createIsolatedPgDb(options.serverUrl);
    const { query, exec, transaction, isInTransaction, url, close } = db;
    return { query, exec, transaction, isInTransaction, url, pglite: undefined, reset, close };
  }
  const { db, reset } = await createIsolatedDb();
  return {
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (callback) => db.transaction(callback),
    isInTransaction: () => db.isInTransaction(),
    url: undefined,
    pglite: db,
    reset,
    close: () => db.close(),
  };
}
