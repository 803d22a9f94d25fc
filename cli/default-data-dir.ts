/** Where `seed` and `serve` keep the embedded database: `npm run dev:db` relies on their agreeing. */
export const DEFAULT_DATA_DIR = '.cutx/pglite';

/** Where `serve --engine postgres` keeps its PostgreSQL cluster. */
export const DEFAULT_POSTGRES_DATA_DIR = '.cutx/postgres';
