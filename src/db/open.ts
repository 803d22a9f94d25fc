import { createPglite } from './create-pglite.js';
import type { CutxDb } from './cutx-db.js';
import { migrate } from './migrate.js';
import { migratedTemplate } from './template/migrated-template.js';

export type { CutxDb } from './cutx-db.js';

export interface OpenDbOptions {
  /** A folder to keep the database in; in memory when omitted. */
  dataDir?: string;
  /** Apply pending schema files (default true). */
  migrate?: boolean;
}

/**
 * Opens an embedded PGlite database with pg_trgm loaded and the schema applied. A new data
 * directory starts from the cached migrated template (about a second) instead of running
 * initdb and every schema file (several seconds). A `dataDir` is locked until `close()`:
 * a second opener, in this process or another, is refused (`data_dir_locked`, naming the
 * holder's pid), because PGlite corrupts a directory opened twice. An empty `dataDir`, a
 * file, or a folder holding files but no database is refused too, with nothing written.
 *
 * @example const db = await openDb({ dataDir: '.cutx/pglite' })
 */
export async function openDb(options: OpenDbOptions = {}): Promise<CutxDb> {
  const migrating = options.migrate !== false;
  const db = await createPglite(
    options.dataDir === undefined ? {} : { dataDir: options.dataDir },
    migrating ? migratedTemplate : undefined,
  );
  if (migrating) {
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}
