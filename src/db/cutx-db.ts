import type { PGlite } from '@electric-sql/pglite';

/**
 * An embedded CutX database: PGlite with the schema's extensions loaded. Its own file so that
 * `createPglite`, which makes one, and `openDb`, which migrates one, need not import each other.
 */
export type CutxDb = PGlite;
