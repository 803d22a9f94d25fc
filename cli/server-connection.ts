import { CutxDbError } from '../src/db/errors.js';
import { loadPg } from '../src/db/load-pg.js';
import { fromPg } from '../src/db/pg-client.js';
import type { TransactionalClient } from '../src/db/sql-client.js';
import { checkDatabaseUrl } from './database-url.js';

/** A connected PostgreSQL server, for a command's one session. */
export interface ServerConnection {
  client: TransactionalClient;
  /** The URL without its password, for messages. */
  label: string;
  close(): Promise<void>;
}

/**
 * Connects to `databaseUrl` once `checkDatabaseUrl` has allowed it (loopback unless
 * `allowRemote`); `action` is the verb its refusal names ("seed", "read"), `command` the
 * command that needs pg when it is not installed (the action by default).
 */
export async function connectServer(
  databaseUrl: string,
  options: { allowRemote: boolean; action: string; command?: string },
): Promise<ServerConnection> {
  const { label } = checkDatabaseUrl(databaseUrl, options);
  // pg loads only for this path, so commands on the embedded database do not need it.
  const pg = await loadPg(`cutx-db ${options.command ?? options.action} --database-url`);
  const connection = new pg.Client({ connectionString: databaseUrl });
  try {
    await connection.connect();
  } catch (error) {
    throw new CutxDbError('environment', `Cannot connect to ${label}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  return { client: fromPg(connection), label, close: () => connection.end() };
}
