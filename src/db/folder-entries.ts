import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CutxDbError } from './errors.js';
import { fileSystemError } from './file-system-error.js';

/**
 * `path` made absolute, once it is not empty text: PGlite reads an empty data directory as
 * "in memory" and the file system reads it as the working directory, so neither was
 * clearly asked for. `role` names the folder in the refusal ("data directory").
 */
export function givenFolder(path: string, role: string, instead: string): string {
  if (path.trim() === '') throw new CutxDbError('invalid_input', `The ${role} '${path}' is empty text: ${instead}.`);
  return resolve(path);
}

/**
 * `givenFolder`, with a symbolic link followed to the folder it names, so that the lock,
 * the checks and any staging beside it are about the real folder. A link to nothing is
 * refused, naming the link and its target.
 */
export function followedFolder(path: string, role: string, instead: string): string {
  const dir = givenFolder(path, role, instead);
  try {
    if (!lstatSync(dir).isSymbolicLink()) return dir;
  } catch {
    // Nothing there yet: the folder is made when it is written.
    return dir;
  }
  try {
    return realpathSync(dir);
  } catch {
    throw new CutxDbError(
      'invalid_input',
      `The ${role} ${dir} is a symbolic link to ${readlinkSync(dir)}, which does not exist: create that folder, or ${instead}.`,
    );
  }
}

/**
 * The names in folder `dir`, or undefined when nothing is there. A file there, or a path
 * that cannot be read, is refused as the `role` folder, saying what to pass `instead`.
 */
export function folderEntries(dir: string, role: string, instead: string): string[] | undefined {
  try {
    if (!statSync(dir).isDirectory()) {
      throw new CutxDbError('invalid_input', `The ${role} ${dir} is a file, not a folder: ${instead}.`);
    }
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileSystemError(error, dir, `the ${role}`, instead);
  }
}
