import { CutxDbError } from '../src/db/errors.js';
import type { DbEngine } from '../src/server/db-server-options.js';
import { hyperdriveVariable } from '../src/server/hyperdrive-variable.js';

/** What `cutxDbWorkers` takes. */
export interface CutxDbWorkersOptions {
  /** The Hyperdrive binding's name in `wrangler.jsonc` (`env.<binding>`), e.g. `HYPERDRIVE`. */
  binding: string;
  /** `postgres`: PostgreSQL 15, production's sessions and locks. `pglite`: no binary needed. */
  engine: DbEngine;
}

/** The service binding, in the tests' `env` only, through which each test asks Node for a clean database. */
export const RESET_BINDING = 'CUTX_DB_WORKERS';

/** Refuses a binding name wrangler would not accept, or an unknown engine, before any database starts. */
export function checkWorkersOptions(options: CutxDbWorkersOptions): CutxDbWorkersOptions {
  hyperdriveVariable(options.binding);
  if (options.engine !== 'pglite' && options.engine !== 'postgres') {
    throw new CutxDbError(
      'invalid_input',
      `cutxDbWorkers: engine must be 'pglite' or 'postgres', not '${String(options.engine)}'.`,
    );
  }
  return options;
}
