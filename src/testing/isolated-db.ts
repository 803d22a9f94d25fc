import { createPglite } from '../db/create-pglite.js';
import { toCutxDbError } from '../db/errors.js';
import type { CutxDb } from '../db/open.js';
import { sha256 } from '../db/schema-files.js';
import { dumpTemplate, MIN_WAL_START_PARAMS, migratedTemplate, templateKey } from '../db/template/migrated-template.js';
import { cachedTemplate } from '../db/template/template-cache.js';
import { INSTALL_ISOLATION } from './isolation-sql.js';

/** One migrated database shared by the tests of a file, and the way back to its clean state. */
export interface IsolatedDb {
  /** The database. Tests may write, commit, roll back and fail in it as they like. */
  readonly db: CutxDb;
  /**
   * Puts the database back to the migrated template, far cheaper than a new one: ends any open
   * or failed transaction, empties every table written since the last reset (committed or
   * not, directly or by triggers), and resets session settings. Near free when nothing was
   * written. It undoes row writes to the schema's tables, not DDL or temporary tables.
   * Every `VACUUM_EVERY`-th reset also vacuums the tables emptied since the last one, so the
   * deleted rows' space is reused and resets do not slow down as tests accumulate, and
   * checkpoints, so the WAL of past tests is dropped instead of held in memory.
   */
  reset(): Promise<void>;
}

const RESET = 'SELECT emptied::text AS name FROM cutx_testing.reset() AS emptied';

/**
 * Every this many resets, the tables emptied since the last vacuum are vacuumed. PGlite runs
 * no autovacuum: without it the space of the rows a reset deletes never reaches the free
 * space map, so those tables grow with every test's rows and each later reset, which scans
 * them, takes longer.
 */
export const VACUUM_EVERY = 100;

/**
 * A database for many tests, reset between them instead of reopened: about 300 times
 * cheaper per test than a new database.
 *
 * @example
 * const { db, reset } = await createIsolatedDb();
 * afterEach(reset);
 * afterAll(() => db.close());
 */
export async function createIsolatedDb(): Promise<IsolatedDb> {
  const db = await createPglite({ startParams: MIN_WAL_START_PARAMS }, isolatedTemplate);
  const emptied = new Set<string>();
  let resets = 0;
  const reset = async () => {
    for (const name of await emptyTouchedTables(db)) emptied.add(name);
    resets += 1;
    if (resets % VACUUM_EVERY === 0 && emptied.size > 0) {
      // Names as the catalog printed them (regclass output, quoted where needed). The
      // checkpoint lets the WAL behind it go: single-user PostgreSQL never checkpoints by
      // itself, so without one every test's writes stay in memory as WAL to the end.
      const vacuum = `VACUUM ${[...emptied, 'cutx_testing.touched'].join(', ')}`;
      emptied.clear();
      // Each alone: VACUUM refuses to run inside the implicit transaction of a script.
      for (const statement of [vacuum, 'CHECKPOINT']) {
        try {
          await db.exec(statement);
        } catch (error) {
          throw toCutxDbError(error, statement);
        }
      }
    }
  };
  // The first call compiles the reset function: paid here, not by the first test.
  await reset();
  return { db, reset };
}

/** Runs the reset function; returns the names of the tables it emptied. */
async function emptyTouchedTables(db: CutxDb): Promise<string[]> {
  try {
    // A test that failed inside BEGIN leaves the transaction open, possibly aborted.
    if (db.isInTransaction()) await db.exec('ROLLBACK');
    const { rows } = await db.query<{ name: string }>(RESET);
    return rows.map((row) => row.name);
  } catch (error) {
    throw toCutxDbError(error, RESET);
  }
}

const isolationChecksum = sha256(INSTALL_ISOLATION).slice(0, 16);

/** The migrated template with the reset machinery installed, cached like the template. */
export function isolatedTemplate(): Promise<Blob> {
  return cachedTemplate(`isolated-${templateKey()}-${isolationChecksum}.tar`, async () => {
    const db = await createPglite({}, migratedTemplate);
    try {
      await db.exec(INSTALL_ISOLATION);
      return await dumpTemplate(db);
    } finally {
      await db.close();
    }
  });
}
