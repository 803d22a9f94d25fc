import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A user as the kernel checks it: uid and primary gid. */
export interface PosixUser {
  uid: number;
  gid: number;
}

/**
 * The first folder on the way into `target` (itself included) that `user` cannot enter, or
 * undefined when every one lets it through. Supplementary groups are not counted, so the
 * answer errs towards "cannot".
 */
export function firstClosedFolder(target: string, user: PosixUser): string | undefined {
  const folders: string[] = [];
  for (let folder = resolve(target); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  return folders.find((folder) => !enterable(folder, user));
}

function enterable(folder: string, user: PosixUser): boolean {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(folder);
  } catch {
    // Not there yet (a data directory to be created): its parents decide.
    return true;
  }
  if (user.uid === 0) return true;
  if (stats.uid === user.uid) return (stats.mode & 0o100) !== 0;
  if (stats.gid === user.gid) return (stats.mode & 0o010) !== 0;
  return (stats.mode & 0o001) !== 0;
}
