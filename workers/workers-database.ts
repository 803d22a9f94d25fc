import type { Client } from 'pg';
import { CutxDbError } from '../src/db/errors.js';
import { loadPg } from '../src/db/load-pg.js';
import type { DbEngine, DbServer } from '../src/server/db-server-options.js';
import { startDbServer } from '../src/server/start-db-server.js';
import { INSTALL_ISOLATION } from '../src/testing/isolation-sql.js';

/** The database behind a test run's Hyperdrive binding, and the reset each test starts with. */
export interface WorkersDatabase {
  url: string;
  /** Ends every other session (rolling back what it left open), then empties what was written. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

// Other sessions are the Worker's: ended, their transactions rolled back, before the
// tables are emptied, so neither a lock nor an uncommitted row outlives its test. The
// timeout makes pg_terminate_backend wait until each is gone.
const END_OTHER_SESSIONS = `
SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`;

const RESET = 'BEGIN; SELECT count(*) FROM cutx_testing.reset(); COMMIT';

/**
 * Starts the engine with the schema applied and the touched-table reset installed (see
 * `INSTALL_ISOLATION`), and keeps one connection of its own for the resets.
 */
export async function startWorkersDatabase(engine: DbEngine): Promise<WorkersDatabase> {
  const server = await startDbServer({
    engine,
    durable: false,
    // The Worker opens a connection per request; a suite may hold many at once.
    maxConnections: 100,
    // pglite: a transaction a test left open holds the one session until this rolls it back.
    idleInTransactionTimeoutMs: 1000,
  });
  let admin: Client | undefined;
  try {
    const pg = await loadPg('cutxDbWorkers');
    admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(INSTALL_ISOLATION);
  } catch (error) {
    await admin?.end().catch(() => {});
    await server.stop();
    throw error;
  }
  return workersDatabase(server, admin);
}

function workersDatabase(server: DbServer, admin: Client): WorkersDatabase {
  return {
    url: server.url,
    async reset() {
      try {
        // The embedded engine has one session: a closed connection's transaction is rolled
        // back by the server, and an open one by its idle-in-transaction timeout.
        if (server.engine === 'postgres') await admin.query(END_OTHER_SESSIONS);
        await admin.query(RESET);
      } catch (error) {
        await admin.query('ROLLBACK').catch(() => {});
        throw new CutxDbError(
          'database_error',
          `cutxDbWorkers could not reset the database: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    },
    async stop() {
      try {
        await admin.end();
      } finally {
        await server.stop();
      }
    },
  };
}
