import { existsSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { CutxDbError } from './errors.js';
import { fileSystemError } from './file-system-error.js';
import { folderEntries, followedFolder } from './folder-entries.js';

/** A data directory this process may open: checked and locked. */
export interface ClaimedDataDir {
  /** The folder itself: the path given, made absolute, a symbolic link to a folder followed. */
  path: string;
  /** No database in it yet: a template may be loaded into it. */
  fresh: boolean;
  /**
   * Marks the folder as being initialised (`<path>.initialising`, beside it) until the
   * returned function is called once it holds a whole database. A process killed in
   * between leaves the mark, and the next claim empties the folder and starts it again.
   */
  initialising(): () => void;
  /** Gives up the lock (safe to call twice). */
  release(): void;
}

const ROLE = 'data directory';
const INSTEAD = 'pass a folder you can write, such as .cutx/pglite';

/**
 * Claims `dataDir` for a PGlite database in this process, before PGlite touches it. Every
 * way this package opens a directory comes through here, so all of them share one lock
 * (`<dataDir>.lock`, see `lockDataDir`) and refuse the same things: an empty path (PGlite
 * would quietly keep the database in memory), a file, a symbolic link to nothing, and a
 * folder that holds files but no database (PGlite would initialise a cluster among them).
 * Each refusal writes nothing. A folder whose initialisation was interrupted (see
 * `initialising`) is emptied and claimed as fresh.
 */
export function claimDataDir(dataDir: string): ClaimedDataDir {
  const dir = followedFolder(dataDir, ROLE, INSTEAD);
  try {
    const lock = lockDataDir(dir, holderName());
    try {
      const mark = `${dir}.initialising`;
      return {
        path: dir,
        fresh: holdsNoDatabase(dir, mark),
        initialising: () => {
          writeFileSync(mark, `${process.pid}\n`);
          return () => unlinkSync(mark);
        },
        release: () => lock.release(),
      };
    } catch (error) {
      lock.release();
      throw error;
    }
  } catch (error) {
    throw fileSystemError(error, dir, `the ${ROLE}`, INSTEAD);
  }
}

function holdsNoDatabase(dir: string, mark: string): boolean {
  const entries = folderEntries(dir, ROLE, INSTEAD) ?? [];
  if (existsSync(mark)) {
    // A process that initialised it was killed before finishing: what it left is not a
    // database yet, and holds nothing of the user's.
    for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
    return true;
  }
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
