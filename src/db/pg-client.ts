import type { ClientBase } from 'pg';
import type { TransactionalClient } from './sql-client.js';

/**
 * Adapts a connected `pg` client to the interface migrations, factories and seeds use.
 * Give it a dedicated client (not a pool): a transaction must stay on one connection.
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
    transaction: async (callback) => {
      await client.query('BEGIN');
      try {
        const result = await callback(adapted);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  };
  return adapted;
}
