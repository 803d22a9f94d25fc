import type { SqlClient } from './sql-client.js';

/**
 * Runs `work` on `client` inside a transaction or savepoint the caller has opened, then
 * runs `keep` (COMMIT, RELEASE), or `undo` (ROLLBACK ...) when `work` throws. `work` gets a
 * client without `transaction`, so code inside cannot open a second, nested BEGIN.
 */
export async function runInOpenedBlock<T>(
  client: SqlClient,
  work: (tx: SqlClient) => Promise<T>,
  keep: string,
  undo: string,
): Promise<T> {
  const tx: SqlClient = {
    query: (sql, params) => client.query(sql, params),
    exec: (sql) => client.exec(sql),
    isInTransaction: () => true,
  };
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    await client.exec(undo);
    throw error;
  }
  await client.exec(keep);
  return result;
}

/** Runs `work` between BEGIN and COMMIT on `client`, or ROLLBACK when it throws. */
export async function runInTransaction<T>(client: SqlClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  await client.exec('BEGIN');
  return runInOpenedBlock(client, work, 'COMMIT', 'ROLLBACK');
}
