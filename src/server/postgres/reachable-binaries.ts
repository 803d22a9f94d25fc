import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { CutxDbError } from '../../db/errors.js';
import type { PostgresBinaries } from './postgres-binaries.js';
import { firstClosedFolder, type PosixUser } from './reachable.js';

/**
 * The binaries where `user` (PostgreSQL's, when running as root) can run them. Installed in
 * a folder it cannot enter (a project under a mode-0700 folder, as `mktemp -d` makes), they
 * are copied once to a root-owned folder in the system's temporary folder, named by the
 * package's version, and taken from there afterwards.
 */
export function reachableBinaries(binaries: PostgresBinaries, user: PosixUser): PostgresBinaries {
  if (firstClosedFolder(dirname(binaries.initdb), user) === undefined) return binaries;
  // bin/, lib/ and share/ sit together in native/: initdb finds share/ beside its own bin/.
  const native = dirname(dirname(binaries.initdb));
  const packageJson = join(dirname(native), 'package.json');
  const { name, version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { name: string; version: string };
  const cached = join(tmpdir(), `cutx-db-${name.replace('/', '+')}-${version}`);
  if (!existsSync(cached)) copyOnce(native, cached);
  refuseUntrusted(cached);
  const closed = firstClosedFolder(join(cached, 'bin'), user);
  if (closed !== undefined) {
    throw new CutxDbError(
      'environment',
      `PostgreSQL runs as user postgres, which cannot enter ${closed}: run chmod o+x ${closed}, or set TMPDIR to a folder it can enter.`,
    );
  }
  return {
    postgres: join(cached, relative(native, binaries.postgres)),
    initdb: join(cached, relative(native, binaries.initdb)),
  };
}

/** Copies under a temporary name, then renames: a copy cut short is never taken for a whole one. */
function copyOnce(native: string, cached: string): void {
  const scratch = mkdtempSync(`${cached}.new-`);
  try {
    cpSync(native, join(scratch, 'native'), { recursive: true, verbatimSymlinks: true });
    renameSync(join(scratch, 'native'), cached);
  } catch (error) {
    // Another process may have put it in place first; then its copy serves.
    if (!existsSync(cached)) throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Root runs what is in there: only a folder that root owns and no one else can write to. */
function refuseUntrusted(cached: string): void {
  const stats = statSync(cached);
  if (stats.uid !== 0 || (stats.mode & 0o022) !== 0) {
    throw new CutxDbError(
      'environment',
      `${cached} is not root's alone (owner ${stats.uid}, mode ${(stats.mode & 0o777).toString(8)}), so its programs are not run: delete it and start again.`,
    );
  }
}
