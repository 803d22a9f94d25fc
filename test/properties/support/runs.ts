import type fc from 'fast-check';

/**
 * How many cases a property runs: its default, or CUTX_FC_RUNS as a count for every
 * property ("500") or a multiple of each default ("4x"). Defaults keep the suite fast on
 * two cores; CI raises them.
 */
function runsFor(defaultRuns: number): number {
  const setting = process.env.CUTX_FC_RUNS?.trim();
  if (!setting) return defaultRuns;
  const factor = /^(\d+(?:\.\d+)?)x$/.exec(setting)?.[1];
  const runs = factor === undefined ? Number(setting) : Math.round(defaultRuns * Number(factor));
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`CUTX_FC_RUNS must be a count ("500") or a multiple ("4x"), not "${setting}"`);
  }
  return runs;
}

/**
 * fast-check parameters for one property. fc.assert prints the seed and path of a failure;
 * `FC_SEED=<seed> FC_PATH=<path> npx vitest run <file> -t '<name>'` replays it.
 */
export function fcOptions<Ts>(defaultRuns: number): fc.Parameters<Ts> {
  const seed = process.env.FC_SEED;
  const path = process.env.FC_PATH;
  return {
    numRuns: runsFor(defaultRuns),
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}
