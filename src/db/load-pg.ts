import { CutxDbError } from './errors.js';

type PgModule = typeof import('pg');

/**
 * Loads `pg`, an optional peer dependency: only the paths that talk to a PostgreSQL server
 * need it, so a service that uses the embedded database alone does not install it. Without
 * it, the error names the package to install and what needed it.
 *
 * @param purpose what needs pg, as in "cutx-db seed --database-url"
 */
export async function loadPg(purpose: string): Promise<PgModule['default']> {
  try {
    return (await import('pg')).default;
  } catch (error) {
    if (!isMissingPg(error)) throw error;
    throw new CutxDbError(
      'missing_dependency',
      `${purpose} talks to a PostgreSQL server through the 'pg' package, which is not installed: npm install --save-dev pg`,
      { cause: error },
    );
  }
}

function isMissingPg(error: unknown): boolean {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === 'ERR_MODULE_NOT_FOUND' && /'pg'/.test(message);
}
