import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How many tests of a worker pass between two full collections by default. PGlite's query
 * path leaves garbage that outlives V8's young generation, and V8 lets its old generation grow
 * to several times what it last kept before collecting it, and keeps the pages it grew: a
 * collection this often keeps a long worker's memory near where it started, at a cost spread
 * thin over the tests between.
 */
export const DEFAULT_GC_EVERY_TESTS = 250;

/**
 * V8's full collection without `--expose-gc` on the command line (vitest's `execArgv` does
 * not reach worker threads): the flag set at run time exposes `gc` to contexts created after
 * it. `undefined` where the runtime refuses it.
 */
export function obtainGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

interface GcState {
  tests: number;
  /** `null` until the first collection asks for it; `undefined` when it could not be obtained. */
  gc: (() => void) | undefined | null;
}

// On globalThis, not in module scope: vitest re-evaluates this module for every file of a
// worker, and the count is the worker's.
const KEY = Symbol.for('@cutx/db/periodic-gc');
const shared = globalThis as Record<symbol, GcState | undefined>;

/**
 * Counts a finished test of this worker and runs a full collection every `every` tests
 * (never when `every` is 0). The collector is obtained at the first collection, so a short
 * run never changes V8's flags; where it cannot be obtained, nothing happens.
 */
export function countTestForGc(every: number, getGc: () => (() => void) | undefined = obtainGc): void {
  if (!(every > 0)) return;
  shared[KEY] ??= { tests: 0, gc: null };
  const state = shared[KEY];
  state.tests += 1;
  if (state.tests % every !== 0) return;
  if (state.gc === null) state.gc = getGc();
  state.gc?.();
}

/** Forgets the worker's count and collector (for tests of `countTestForGc`). */
export function resetGcCount(): void {
  shared[KEY] = undefined;
}
