import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { migrate } from './migrate.js';
import { DATE_OID, parseDate } from './type-parsers.js';

/** The extensions every CutX database loads (the search index needs pg_trgm). */
export const extensions = { pg_trgm };

/** An embedded CutX database: PGlite with the schema's extensions loaded. */
export type CutxDb = PGlite;

export interface OpenDbOptions {
  /** A folder to keep the database in; in memory when omitted. */
  dataDir?: string;
  /** A data-dir tarball (from `dumpDataDir`) to start from instead of an empty cluster. */
  loadDataDir?: Blob;
  /** Apply pending schema files (default true). */
  migrate?: boolean;
}

/**
 * Opens an embedded PGlite database with pg_trgm loaded and the schema applied.
 *
 * @example const db = await openDb({ dataDir: '.cutx/pglite' })
 */
export async function openDb(options: OpenDbOptions = {}): Promise<CutxDb> {
  const db = await PGlite.create({
    extensions,
    parsers: { [DATE_OID]: parseDate },
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
  });
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
