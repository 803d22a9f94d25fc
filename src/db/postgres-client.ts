import pgTypes from 'pg-types';
import { toPgText } from './pg-text.js';
import { runInTransaction } from './run-in-transaction.js';
import type { SqlClient, TransactionalClient } from './sql-client.js';

/** A column of a postgres.js result: its name and type OID. */
interface PostgresColumn {
  name: string;
  type: number;
}

/** What a postgres.js query resolves to in `.raw()` mode: each value as its bytes, null for NULL. */
type RawRows = (Uint8Array | null)[][] & { columns?: readonly PostgresColumn[] };

/**
 * The part of a postgres.js client (`postgres(url)`, a reserved connection or a
 * transaction's `sql`) that `fromPostgres` uses. Declared here so that `@cutx/db` needs
 * `postgres` only when a caller passes one.
 */
export interface PostgresClient {
  unsafe(
    query: string,
    params?: never[],
    options?: { prepare?: boolean },
  ): PromiseLike<unknown> & {
    raw(): PromiseLike<unknown>;
  };
  typed(value: never, oid: number): unknown;
  /** Absent on a reserved connection, which runs BEGIN/COMMIT itself. */
  begin?(callback: (tx: PostgresClient) => Promise<unknown>): PromiseLike<unknown>;
}

// The `unknown` pseudo-type: a parameter declared with it is typed by the server from the
// statement, as pg's untyped text parameters are, and postgres.js sends its text unchanged
// (the server's inferred type would make it re-serialize: JSON text would be sent as a JSON string).
const UNKNOWN_OID = 705;

const decoder = new TextDecoder();

/** postgres.js names a constraint `constraint_name`, pg `constraint`: CutxDbError reads pg's names. */
function withPgFieldNames(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && 'constraint_name' in error) {
    const fields = error as Record<string, unknown>;
    Object.assign(error, { constraint: fields.constraint_name, table: fields.table_name, column: fields.column_name });
  }
  return error;
}

/** Rows as objects, each value parsed by pg's default parser for its column's type. */
function toRows<Row>(raw: RawRows): Row[] {
  const columns = raw.columns ?? [];
  const parsers = columns.map((column) => pgTypes.getTypeParser(column.type, 'text') as (text: string) => unknown);
  return raw.map((values) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = values[i];
      row[column.name] = value === null || value === undefined ? null : parsers[i]?.(decoder.decode(value));
    });
    return row as Row;
  });
}

/** Awaits `pending`, its database error renamed to pg's field names. */
async function awaitWithPgFieldNames<T>(pending: PromiseLike<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw withPgFieldNames(error);
  }
}

/**
 * A client on `sql`. `isInTransaction` tells the factories to nest under a savepoint (inside
 * `sql.begin`) or to open a transaction of their own: postgres.js does not expose the
 * connection's transaction status, and the adapter knows it from where it was made.
 */
function adapt(sql: PostgresClient, inTransaction: boolean): SqlClient & { isInTransaction(): boolean } {
  return {
    isInTransaction: () => inTransaction,
    query: async <Row>(text: string, params: unknown[] = []) => {
      const typed = params.map((value) => sql.typed(toPgText(value) as never, UNKNOWN_OID)) as never[];
      return { rows: toRows<Row>((await awaitWithPgFieldNames(sql.unsafe(text, typed).raw())) as RawRows) };
    },
    exec: (script) => awaitWithPgFieldNames(sql.unsafe(script)),
  };
}

/**
 * Adapts a postgres.js client to the interface migrations, factories and seeds use, with
 * values as `pg` reads and writes them (the type policy): int8 and numeric as decimal text,
 * a `date` as a Date at local midnight, json and jsonb parsed, bytea as bytes; parameters
 * are sent as the text pg sends, so a JSON parameter reaches the server unchanged.
 * `transaction` runs in `sql.begin` (one reserved connection); code inside it nests with
 * savepoints. `migrate` holds a session lock across statements: give it a single
 * connection (`await sql.reserve()`, or `postgres(url, { max: 1 })`).
 *
 * @example const f = createFactories(fromPostgres(postgres(env.HYPERDRIVE.connectionString)), { seed: 1 })
 */
export function fromPostgres(sql: PostgresClient): TransactionalClient {
  const client = adapt(sql, false);
  const adapted: TransactionalClient = {
    ...client,
    transaction: async <T>(callback: (tx: SqlClient) => Promise<T>) => {
      if (sql.begin === undefined) return runInTransaction(adapted, callback);
      return (await awaitWithPgFieldNames(sql.begin((tx: PostgresClient) => callback(adapt(tx, true))))) as T;
    },
  };
  return adapted;
}
