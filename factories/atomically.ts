import { runInTransaction, settle } from '../src/db/run-in-transaction.js';
import type { SqlClient, TransactionalClient } from '../src/db/sql-client.js';

// SAVEPOINT outside a transaction block.
const NO_ACTIVE_TRANSACTION = '25P01';

/**
 * Sets a savepoint when `client` is inside a transaction, and says whether it did. PGlite
 * answers from its backend; any other client is asked by trying, since a client that can
 * open transactions may also be in one a caller began with a plain BEGIN.
 */
async function openSavepoint(client: SqlClient): Promise<boolean> {
  const pglite = client as { isInTransaction?: () => boolean };
  if (typeof pglite.isInTransaction === 'function' && !pglite.isInTransaction()) return false;
  try {
    await client.query('SAVEPOINT cutx_factory');
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code !== NO_ACTIVE_TRANSACTION) throw error;
    return false;
  }
}

/**
 * Runs `work` all or nothing. Inside a transaction, under a savepoint: a failure undoes
 * only this work and leaves the caller's transaction usable. Outside one, in a transaction
 * of its own: the client's `transaction` where it has one (PGlite's also keeps other
 * callers' statements out), else BEGIN/COMMIT.
 */
export async function atomically<T>(client: SqlClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  if (!(await openSavepoint(client))) {
    const transactional = client as Partial<TransactionalClient>;
    return transactional.transaction ? transactional.transaction(work) : runInTransaction(client, work);
  }
  return settle(
    client,
    work,
    'RELEASE SAVEPOINT cutx_factory',
    'ROLLBACK TO SAVEPOINT cutx_factory; RELEASE SAVEPOINT cutx_factory',
  );
}
