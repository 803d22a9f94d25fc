import { existsSync, readdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './create-pglite.js';
import { migrate } from './migrate.js';
import { migratedTemplate } from './template/migrated-template.js';

/** An embedded CutX database: PGlite with the schema's extensions loaded. */
export type CutxDb = PGlite;

export interface OpenDbOptions {
  /** A folder to keep the database in; in memory when omitted. */
  dataDir?: string;
  /** Apply pending schema files (default true). */
  migrate?: boolean;
}

/**
 * Opens an embedded PGlite database with pg_trgm loaded and the schema applied. A new data
 * directory starts from the cached migrated template (about a second) instead of running
 * initdb and every schema file (several seconds).
 *
 * @example const db = await openDb({ dataDir: '.cutx/pglite' })
 */
export async function openDb(options: OpenDbOptions = {}): Promise<CutxDb> {
  const { dataDir } = options;
  const fresh = dataDir === undefined || isEmptyDir(dataDir);
  const db = await createPglite(
    dataDir === undefined ? {} : { dataDir },
    fresh && options.migrate !== false ? migratedTemplate : undefined,
  );
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}
