import { CutxDbError } from './errors.js';

const reasons: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of that path is a file, not a folder',
  EISDIR: 'a folder is where a file should be',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted there',
  EROFS: 'the file system is read-only',
  ENOENT: 'a folder on that path does not exist and cannot be created',
  ENOSPC: 'the disk is full',
};

/**
 * A file-system failure (errno) as a `CutxDbError` that names the path and what to pass
 * instead; anything else passes through unchanged, so its stack still reaches a bug report.
 *
 * @example catch (error) { throw fileSystemError(error, dir, 'the data directory', 'pass a folder you can write') }
 */
export function fileSystemError(error: unknown, path: string, role: string, instead: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof CutxDbError || code === undefined || !/^E[A-Z]+$/.test(code)) return error;
  const reason = reasons[code] ?? (error as Error).message;
  const at = (error as NodeJS.ErrnoException).path;
  const where = at === undefined || at === path ? '' : ` at ${at}`;
  return new CutxDbError('invalid_input', `Cannot use ${path} as ${role}: ${reason}${where} (${code}); ${instead}.`, {
    cause: error,
  });
}
