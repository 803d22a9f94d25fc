/**
 * A mistake on the command line (exit code 2). The message says what was wrong and what
 * to pass instead. Kept apart from `CutxDbError`: it never leaves the CLI.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
