import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open.js';
import type { TransactionalClient } from '../../src/db/sql-client.js';
import { connectServer } from '../server-connection.js';

/** Where `cutx-db seed` writes: opened, migrated, and locked or connected. */
export interface SeedTarget {
  client: TransactionalClient;
  /** How messages name it: the data directory, or the URL without its password. */
  label: string;
  /** Lines telling the user how to reach the seeded database. */
  connectHint: string;
  close(): Promise<void>;
}

/** The embedded database in `dataDir`, locked against other openers until `close`. */
export async function openDataDirTarget(dataDir: string): Promise<SeedTarget> {
  const db = await openDb({ dataDir });
  return {
    client: db,
    label: dataDir,
    connectHint: [
      `Serve it: npm run cutx-db -- serve --data-dir ${dataDir}   (then psql "$DATABASE_URL")`,
      `Or open it in code: openDb({ dataDir: '${dataDir}' }) from @cutx/db`,
    ].join('\n'),
    close: () => db.close(),
  };
}

/** A PostgreSQL server, migrated first, once `checkDatabaseUrl` has allowed it. */
export async function openServerTarget(databaseUrl: string, allowRemote: boolean): Promise<SeedTarget> {
  const server = await connectServer(databaseUrl, { allowRemote, action: 'seed' });
  try {
    await migrate(server.client);
    return { ...server, connectHint: `Connect: psql "${server.label}"` };
  } catch (error) {
    await server.close();
    throw error;
  }
}
