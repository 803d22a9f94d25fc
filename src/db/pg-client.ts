import type { ClientBase } from 'pg';
import { runInTransaction } from './run-in-transaction.js';
import type { TransactionalClient } from './sql-client.js';
import { DATE_OID, INT8_OID, parseDate, parseInt8 } from './type-parsers.js';

/**
 * Adapts a connected `pg` client to the interface migrations, factories and seeds use,
 * and makes it read dates and int8 as PGlite does (see type-parsers.ts). Give it a
 * dedicated client (not a pool): a transaction must stay on one connection.
 *
 * @example const db = fromPg(await pool.connect())
 */
export function fromPg(client: ClientBase): TransactionalClient {
  client.setTypeParser(DATE_OID, parseDate);
  client.setTypeParser(INT8_OID, parseInt8);
  const adapted: TransactionalClient = {
    query: async (sql, params) => {
      const result = await client.query(sql, params);
      return { rows: result.rows };
    },
    exec: (sql) => client.query(sql),
    transaction: (callback) => runInTransaction(adapted, callback),
  };
  return adapted;
}
