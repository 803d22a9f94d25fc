import { PGlite } from '@electric-sql/pglite';
import { createPglite } from '../create-pglite.js';
import type { CutxDb } from '../cutx-db.js';
import { migrate } from '../migrate.js';
import { schemaChecksum } from '../schema-files.js';
import { pgliteVersion } from './pglite-assets.js';
import { cachedTemplate } from './template-cache.js';

// Bumped whenever buildMigratedTemplate changes what it writes, so stale caches are not read.
const RECIPE = 3;

/** Names what the migrated template holds: templates derived from it put it in their cache name. */
export function templateKey(): string {
  return `${pgliteVersion()}-${schemaChecksum().slice(0, 16)}-r${RECIPE}`;
}

/**
 * A data-dir tarball of a freshly migrated database, built once per schema and PGlite
 * version and cached on disk and in memory. Every public table in it is empty.
 */
export function migratedTemplate(): Promise<Blob> {
  return cachedTemplate(`migrated-${templateKey()}.tar`, buildMigratedTemplate);
}

/**
 * The data dir of `db` as a tarball, after a checkpoint so that a database loaded from it
 * starts clean instead of replaying the WAL that built it. Uncompressed: reading 16 MB from
 * the page cache is cheaper than inflating it.
 */
export async function dumpTemplate(db: CutxDb): Promise<Uint8Array> {
  await db.exec('CHECKPOINT');
  return new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
}

// Every test database copies the whole tarball into memory and starts Postgres on it, so
// the template is cut to what a test database needs. Each statement runs on its own:
// ALTER SYSTEM, DROP DATABASE and VACUUM refuse to run inside a transaction block.
const SLIM = [
  // Postgres zeroes its shared buffers on every start, so their size is paid by every test
  // database. A miss is only a copy from the in-memory file system, so a small pool serves
  // tests' data as well (`npm run bench` covers bulk inserts and search).
  "ALTER SYSTEM SET shared_buffers = '4MB'",
  // A PGlite instance serves one database and cannot connect to another, so the template
  // databases would only serve CREATE DATABASE; dropping them halves the tarball.
  "UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')",
  'DROP DATABASE template0',
  'DROP DATABASE template1',
  // Rewrites every relation without its free-space and visibility maps (1.4 MB in 86 files
  // of an empty database); a test database rebuilds them as it writes.
  'VACUUM FULL',
];

/**
 * Start parameters that hold the WAL at its floor (two segments). Segments Postgres keeps
 * for reuse are 1 MB each of every copy and, in PGlite's memory file system, of every open
 * database; at the floor a checkpoint deletes the segments behind it instead. Single-user
 * PostgreSQL never checkpoints by itself, so a long-lived database also needs a CHECKPOINT
 * now and then (see `createIsolatedDb`).
 */
export const MIN_WAL_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'min_wal_size=2MB', '-c', 'max_wal_size=2MB'];
const KEPT_WAL_SEGMENTS = 2;

// Switching to a new segment and checkpointing, a few times over, leaves only those in use.
async function dropRecycledWal(db: CutxDb): Promise<void> {
  const segments = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_ls_waldir()`)).rows[0]?.n ?? 0;
  for (let round = 0; round < 16 && (await segments()) > KEPT_WAL_SEGMENTS; round++) {
    await db.exec('SELECT pg_switch_wal(); CHECKPOINT');
  }
}

async function buildMigratedTemplate(): Promise<Uint8Array> {
  // 1 MB WAL segments instead of 16 MB: the current segment is part of every copy.
  const db = await createPglite({ initDbStartParams: ['--wal-segsize=1'], startParams: MIN_WAL_START_PARAMS });
  try {
    await migrate(db);
    for (const statement of SLIM) await db.exec(statement);
    await dropRecycledWal(db);
    return await dumpTemplate(db);
  } finally {
    await db.close();
  }
}
