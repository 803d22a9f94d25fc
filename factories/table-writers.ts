import type { SqlClient } from '../src/db/sql-client.js';
import type { TableName } from '../src/rows/tables.js';
import type { Related } from './define-factory.js';

/** How a table's rows are written on a given client: its factory's `createEach`, without traits. */
export type TableWriter = (client: SqlClient, overrides: readonly Record<string, unknown>[]) => Promise<unknown[]>;

/**
 * The writer of every table of a factory set: what parents, traits' hooks and `persist`
 * create related rows with. It is filled for every table before the set is handed out
 * (factory-set.ts), so a factory never finds a table missing.
 */
export class TableWriters {
  private readonly writers = new Map<TableName, TableWriter>();

  /** Makes `write` the way related rows of `table` are created. */
  add(table: TableName, write: TableWriter): void {
    this.writers.set(table, write);
  }

  /** A table whose factory cannot be made: creating its rows as parents fails with `error`. */
  refuse(table: TableName, error: unknown): void {
    this.writers.set(table, () => Promise.reject(error));
  }

  /** Every table's `createEach` on `client`, so related rows share the caller's transaction. */
  on(client: SqlClient): Related {
    const related: Record<string, Related[TableName]> = {};
    for (const [table, write] of this.writers) {
      related[table] = { createEach: (overrides) => write(client, overrides) as Promise<never> };
    }
    return related as Related;
  }
}
