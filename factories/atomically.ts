import { runInOpenedBlock, runInTransaction } from '../src/db/run-in-transaction.js';
import type { SqlClient, TransactionalClient } from '../src/db/sql-client.js';

/** PGlite's `transaction` callback gets a handle with no `isInTransaction`, but `closed`. */
interface PgliteTransactionHandle {
  readonly closed: boolean;
  rollback(): Promise<void>;
}

/**
 * Whether `client` is inside a transaction block, by asking it rather than by trying a
 * SAVEPOINT: a failed statement costs a round trip and a line in the server's log.
 */
function isInTransaction(client: SqlClient): boolean {
  if (typeof client.isInTransaction === 'function') return client.isInTransaction();
  const handle = client as Partial<PgliteTransactionHandle>;
  return typeof handle.rollback === 'function' && handle.closed === false;
}

/**
 * Runs `work` all or nothing. Inside a transaction, under a savepoint: a failure undoes
 * only this work and leaves the caller's transaction usable. Outside one, in a transaction
 * of its own: the client's `transaction` where it has one (PGlite's also keeps other
 * callers' statements out), else BEGIN/COMMIT.
 */
export async function atomically<T>(client: SqlClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  if (isInTransaction(client)) {
    await client.exec('SAVEPOINT cutx_factory');
    return runInOpenedBlock(
      client,
      work,
      'RELEASE SAVEPOINT cutx_factory',
      'ROLLBACK TO SAVEPOINT cutx_factory; RELEASE SAVEPOINT cutx_factory',
    );
  }
  const transactional = client as Partial<TransactionalClient>;
  return transactional.transaction ? transactional.transaction(work) : runInTransaction(client, work);
}
