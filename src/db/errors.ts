/**
 * What went wrong, as a stable string a caller can branch on:
 * - `invalid_input`: the caller passed something wrong (an option, a count, a path);
 * - `environment`: the machine cannot do it (missing binaries, a port in use, running as
 *   root where that is refused, a folder another user cannot reach);
 * - `unsupported_runtime`: this entry point needs Node (it was loaded in workerd, say); the
 *   message names the entry point to use instead;
 * - `interrupted`: the work was cancelled or killed before it finished;
 * - `engine_stopped`: the database engine is stopping or has stopped;
 * - `database_error`: the database refused a statement (SQLSTATE and constraint kept);
 * - the `migration_*`, `schema_*`, `unsafe_target`, `target_not_empty`, `data_dir_locked`
 *   and `missing_dependency` codes are the refusals of the commands that carry their names.
 */
export type CutxDbErrorCode =
  | 'database_error'
  | 'environment'
  | 'unsupported_runtime'
  | 'interrupted'
  | 'engine_stopped'
  | 'migration_changed'
  | 'migration_failed'
  | 'migration_missing'
  | 'migration_renamed'
  | 'migration_out_of_order'
  | 'schema_file_misnamed'
  | 'schema_drift'
  | 'schema_missing'
  | 'invalid_input'
  | 'unsafe_target'
  | 'target_not_empty'
  | 'data_dir_locked'
  | 'missing_dependency';

/** Fields a database error carries: PGlite's and pg's errors both have them. */
interface DatabaseErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
  hint?: string;
}

export interface CutxDbErrorDetails {
  /** The SQLSTATE, for database errors ("23505" is unique_violation). */
  sqlState?: string | undefined;
  constraint?: string | undefined;
  table?: string | undefined;
  column?: string | undefined;
  detail?: string | undefined;
  hint?: string | undefined;
  query?: string | undefined;
  params?: unknown[] | undefined;
  cause?: unknown;
}

/**
 * The one error this package throws. `code` says what kind of failure it is; the message
 * says what to do about it; database failures keep their SQLSTATE, constraint and table.
 */
export class CutxDbError extends Error {
  override readonly name = 'CutxDbError';
  readonly code: CutxDbErrorCode;
  readonly sqlState: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly query: string | undefined;
  readonly params: unknown[] | undefined;

  constructor(code: CutxDbErrorCode, message: string, details: CutxDbErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.sqlState = details.sqlState;
    this.constraint = details.constraint;
    this.table = details.table;
    this.column = details.column;
    this.detail = details.detail;
    this.hint = details.hint;
    this.query = details.query;
    this.params = details.params;
  }
}

function isDatabaseError(error: unknown): error is Error & DatabaseErrorFields {
  return error instanceof Error && typeof (error as DatabaseErrorFields).code === 'string';
}

/**
 * Wraps an error thrown by a query so it keeps the database's SQLSTATE, constraint and
 * table, and names the statement that failed. Errors that are already ours pass through.
 */
export function toCutxDbError(error: unknown, query?: string, params?: unknown[]): CutxDbError {
  if (error instanceof CutxDbError) return error;
  if (!isDatabaseError(error)) {
    return new CutxDbError('database_error', String(error instanceof Error ? error.message : error), {
      cause: error,
      query,
    });
  }
  const where = error.constraint ? ` (constraint ${error.constraint})` : '';
  const hint = error.hint ? ` ${error.hint}` : '';
  return new CutxDbError('database_error', `${error.message}${where}.${hint}`, {
    cause: error,
    sqlState: error.code,
    constraint: error.constraint,
    table: error.table,
    column: error.column,
    detail: error.detail,
    hint: error.hint,
    query,
    params,
  });
}
