import { CutxDbError } from '../db/errors.js';

/**
 * The error for a part of the package that needs Node, loaded or called where there is none
 * (workerd, the Workers vitest pool): it names what was used and what to use instead.
 */
export function nodeOnly(what: string, instead: string): CutxDbError {
  return new CutxDbError('unsupported_runtime', `${what} needs Node and cannot run in workerd: ${instead}.`);
}

/** Inside a Worker, the database is reached over its Hyperdrive binding, written with the factories. */
export const IN_A_WORKER =
  "inside a Worker, connect over the Hyperdrive binding with fromPostgres(postgres(env.HYPERDRIVE.connectionString)) from '@cutx/db' and write rows with createFactories from '@cutx/db/factories'";
