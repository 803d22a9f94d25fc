import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgliteParsers } from './type-parsers.js';

/** The extensions every CutX database loads (the search index needs pg_trgm). */
export const extensions = { pg_trgm };

/** What every PGlite instance of this package is created with, however it is opened. */
export const pgliteOptions = { extensions, parsers: pgliteParsers };
