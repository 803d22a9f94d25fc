import { isIP } from 'node:net';
import { lockDataDir } from '../../db/data-dir-lock.js';
import { CutxDbError } from '../../db/errors.js';
import { migrate } from '../../db/migrate.js';
import { openDb } from '../../db/open.js';
import { fromPg } from '../../db/pg-client.js';
import type { TransactionalClient } from '../../db/sql-client.js';
import { UsageError } from '../usage-error.js';

/** Where `cutx-db seed` writes: opened, migrated, and locked or connected. */
export interface SeedTarget {
  client: TransactionalClient;
  /** How messages name it: the data directory, or the URL without its password. */
  label: string;
  /** Lines telling the user how to reach the seeded database. */
  connectHint: string;
  close(): Promise<void>;
}

/** The embedded database in `dataDir`, locked against other processes until `close`. */
export async function openDataDirTarget(dataDir: string): Promise<SeedTarget> {
  const lock = lockDataDir(dataDir, 'cutx-db seed');
  try {
    const db = await openDb({ dataDir });
    return {
      client: db,
      label: dataDir,
      connectHint: [
        `Serve it: npm run cutx-db -- serve --data-dir ${dataDir}   (then psql "$DATABASE_URL")`,
        `Or open it in code: openDb({ dataDir: '${dataDir}' }) from @cutx/db`,
      ].join('\n'),
      async close() {
        try {
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * A PostgreSQL server, migrated first. Only a loopback host unless `allowRemote`: a seed
 * with --reset empties every table, and production is one typo away.
 */
export async function openServerTarget(databaseUrl: string, allowRemote: boolean): Promise<SeedTarget> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new UsageError(
      `--database-url must be a URL such as postgres://user@127.0.0.1:5432/db, not '${databaseUrl}'.`,
    );
  }
  const label = redacted(url);
  const host = serverHost(url);
  if (!allowRemote && !isLoopback(host)) {
    throw new CutxDbError(
      'unsafe_target',
      `Refusing to seed ${host}: not a loopback address; pass --allow-remote if you mean it.`,
    );
  }
  // pg loads only for this path, so seeding the embedded database does not need it.
  const { default: pg } = await import('pg');
  const connection = new pg.Client({ connectionString: databaseUrl });
  try {
    await connection.connect();
  } catch (error) {
    throw new CutxDbError('database_error', `Cannot connect to ${label}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  try {
    const client = fromPg(connection);
    await migrate(client);
    return { client, label, connectHint: `Connect: psql "${label}"`, close: () => connection.end() };
  } catch (error) {
    await connection.end();
    throw error;
  }
}

function redacted(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  return copy.href;
}

/** The host libpq would dial: the URL's, its `host` parameter, PGHOST, or the local socket. */
function serverHost(url: URL): string {
  return url.hostname || url.searchParams.get('host') || process.env.PGHOST || 'localhost';
}

/** Loopback names and addresses, and Unix sockets (a path): this machine only. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare.startsWith('/')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}
