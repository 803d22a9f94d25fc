import { basename, extname } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { CutxDbError } from './errors.js';
import { fileSystemError } from './file-system-error.js';
import { folderEntries, givenFolder } from './folder-entries.js';

/** A data directory this process may open: checked and locked. */
export interface ClaimedDataDir {
  /** No database in it yet: a template may be loaded into it. */
  fresh: boolean;
  /** Gives up the lock (safe to call twice). */
  release(): void;
}

const ROLE = 'data directory';
const INSTEAD = 'pass a folder you can write, such as .cutx/pglite';

/**
 * Claims `dataDir` for a PGlite database in this process, before PGlite touches it. Every
 * way this package opens a directory comes through here, so all of them share one lock
 * (`<dataDir>.lock`, see `lockDataDir`) and refuse the same things: an empty path (PGlite
 * would quietly keep the database in memory), a file, and a folder that holds files but no
 * database (PGlite would initialise a cluster among them). Each refusal writes nothing.
 */
export function claimDataDir(dataDir: string): ClaimedDataDir {
  const dir = givenFolder(dataDir, ROLE, INSTEAD);
  try {
    const lock = lockDataDir(dir, holderName());
    try {
      return { fresh: holdsNoDatabase(dir), release: () => lock.release() };
    } catch (error) {
      lock.release();
      throw error;
    }
  } catch (error) {
    throw fileSystemError(error, dir, `the ${ROLE}`, INSTEAD);
  }
}

function holdsNoDatabase(dir: string): boolean {
  const entries = folderEntries(dir, ROLE, INSTEAD) ?? [];
  if (entries.length === 0) return true;
  if (entries.includes('PG_VERSION')) return false;
  throw new CutxDbError(
    'target_not_empty',
    `The data directory ${dir} holds files but no database (no PG_VERSION): pass a new or empty folder for it.`,
  );
}

/** How a lock names this process to the next opener: the script and its arguments. */
function holderName(): string {
  const [, script, ...args] = process.argv;
  const name = script === undefined ? 'node' : basename(script, extname(script));
  return [name, ...args].join(' ');
}
