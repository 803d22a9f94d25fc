import { CutxDbError } from '../src/db/errors.js';

/**
 * The largest scale a seed takes. A scenario plans its rows in memory before writing them,
 * so an unbounded scale would exhaust the process's memory rather than fail cleanly.
 */
export const MAX_SEED_SCALE = 1_000;

/** `scale` when it is a whole number from 1 to `MAX_SEED_SCALE`; otherwise `invalid_input`. */
export function checkSeedScale(scale: unknown): number {
  if (Number.isSafeInteger(scale) && (scale as number) >= 1 && (scale as number) <= MAX_SEED_SCALE) {
    return scale as number;
  }
  throw new CutxDbError(
    'invalid_input',
    `The seed scale must be a whole number from 1 to ${MAX_SEED_SCALE} (MAX_SEED_SCALE), not ${String(scale)}.`,
  );
}
