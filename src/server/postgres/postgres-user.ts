import { execFileSync } from 'node:child_process';
import { CutxDbError } from '../../db/errors.js';

/** The uid and gid PostgreSQL runs as; empty when it runs as this process's own user. */
export type RunAs = { uid: number; gid: number } | Record<string, never>;

/**
 * PostgreSQL refuses to run as root. As root, it runs as the system user `postgres`
 * instead, which must exist: creating users changes the machine, so that is left to
 * the caller (CI does it in one line).
 */
export function postgresRunAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch (error) {
    throw new CutxDbError(
      'environment',
      'PostgreSQL does not run as root, and there is no `postgres` user to run it as. ' +
        'Create one (`useradd --system --user-group postgres`), run as another user, or use --engine pglite.',
      { cause: error },
    );
  }
}
