import { CutxDbError } from '../src/db/errors.js';

/**
 * The most rows one `buildList` or `createList` call makes. Every row of a list is built in
 * memory before it is written, so a count far above any test's need (a typo, `1e9`) would
 * exhaust the process's memory and block its event loop before any timeout fires; above
 * this it is refused instead. Larger data sets are written in several calls, or by a seed.
 */
export const MAX_LIST_COUNT = 100_000;

/**
 * `count` when it is a whole number from 0 to `MAX_LIST_COUNT`; otherwise an `invalid_input`
 * error naming the call, the count and the factory's seed.
 */
export function checkListCount(table: string, method: string, count: unknown, seed: number): number {
  if (Number.isSafeInteger(count) && (count as number) >= 0 && (count as number) <= MAX_LIST_COUNT) {
    return count as number;
  }
  const limit = Number.isSafeInteger(count) && (count as number) > MAX_LIST_COUNT;
  const rule = limit
    ? `at most ${MAX_LIST_COUNT} rows per call (MAX_LIST_COUNT); make larger sets in several calls`
    : 'the count must be a whole number, 0 or more';
  throw new CutxDbError('invalid_input', `${table}.${method}(${String(count)}): ${rule} (factory seed ${seed}).`, {
    table,
  });
}
