import type { ClientBase } from 'pg';
import { runInTransaction } from './run-in-transaction.js';
import type { TransactionalClient } from './sql-client.js';

/**
 * Adapts a connected `pg` client to the interface migrations, factories and seeds use.
 * pg's default parsers are the type policy, so values read as on this package's PGlite
 * databases. Give it a dedicated client (not a pool): a transaction must stay on one
 * connection.
 *
 * @example const db = fromPg(await pool.connect())
 */
export function fromPg(client: ClientBase): TransactionalClient {
  const adapted: TransactionalClient = {
    query: async (sql, params) => {
      const result = await client.query(sql, params);
      return { rows: result.rows };
    },
    exec: (sql) => client.query(sql),
    // 'T' is in a transaction block, 'E' in a failed one ('I' idle, null not yet ready).
    isInTransaction: () => ['T', 'E'].includes(client.getTransactionStatus() ?? ''),
    transaction: (callback) => runInTransaction(adapted, callback),
  };
  return adapted;
}
