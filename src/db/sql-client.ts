/**
 * The little of a database connection that this package needs. PGlite satisfies it as it
 * is, and `fromPg` adapts a `pg` client, so migrations, factories and seeds run unchanged
 * on the embedded database and on a real PostgreSQL server.
 */
export interface SqlClient {
  /** Runs one statement with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Runs a script of several statements, without parameters. */
  exec(sql: string): Promise<unknown>;
  /**
   * Whether a transaction block is open on this connection (PGlite has it; `fromPg` reads
   * pg's). Factories ask it to choose between a savepoint and a transaction of their own;
   * a client without it is taken to be outside one.
   */
  isInTransaction?(): boolean;
}

/** A client that can also run a callback in one transaction (BEGIN ... COMMIT/ROLLBACK). */
export interface TransactionalClient extends SqlClient {
  transaction<T>(callback: (tx: SqlClient) => Promise<T>): Promise<T>;
}
