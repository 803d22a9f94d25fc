/** Rows per second from a count and milliseconds. */
export const perSecond = (rows: number, ms: number): number => rows / (ms / 1000);

/** The value below which a fraction `p` of the samples lie, interpolated between neighbours. */
export function quantile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const below = sorted[Math.floor(at)] ?? 0;
  return below + ((sorted[Math.ceil(at)] ?? 0) - below) * (at - Math.floor(at));
}

/** The middle of the samples (the mean of the two middles for an even count). */
export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** How many untimed rounds run first, so JIT tiering and heap growth settle before timing. */
const WARMUPS = 2;

/** One measurement: `setup` and `teardown` untimed, `measured` timed, on setup's result. */
export interface Trial<T> {
  setup?: () => Promise<T>;
  measured: (input: T) => Promise<unknown>;
  teardown?: (input: T) => Promise<unknown>;
  /**
   * Collect garbage before timing, so a sample that allocates a lot pays for its own garbage
   * and not for its setup's (npm run bench passes --expose-gc). Not for samples of a
   * millisecond or less: right after a full collection, reset() and a search measured two
   * to four times slower, rollback seven times.
   */
  collected?: boolean;
}

async function sample<T>({ setup, measured, teardown, collected }: Trial<T>): Promise<number> {
  const input = (await setup?.()) as T;
  if (collected) collectGarbage?.();
  const start = performance.now();
  await measured(input);
  const ms = performance.now() - start;
  await teardown?.(input);
  return ms;
}

/**
 * Each trial's milliseconds in each of `times` rounds, after `warmups` untimed ones. Rounds
 * alternate between the trials (a, b, a, b, ...), so a busy spell on a shared machine falls
 * on all of them alike instead of on whichever ran then.
 */
export async function rounds<T extends Record<string, unknown>>(
  times: number,
  trials: { [K in keyof T]: Trial<T[K]> },
  warmups = WARMUPS,
): Promise<Record<keyof T, number[]>> {
  const names = Object.keys(trials) as (keyof T)[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<keyof T, number[]>;
  for (let round = 0; round < warmups + times; round++) {
    for (const name of names) {
      const ms = await sample(trials[name]);
      if (round >= warmups) samples[name].push(ms);
    }
  }
  return samples;
}

/**
 * `numerator[i] / denominator[i]`, two trials' samples from the same rounds. This machine
 * runs in spells of two speeds about 1.4 times apart; a ratio of two medians can take each
 * from a different spell, a ratio within one round cannot.
 */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]): number[] {
  return numerator.map((value, i) => value / (denominator[i] as number));
}

/** The median milliseconds of one trial (see `rounds`). */
export async function medianMs<T>(
  times: number,
  measured: (input: T) => Promise<unknown>,
  setup?: () => Promise<T>,
  teardown?: (input: T) => Promise<unknown>,
): Promise<number> {
  return median(
    (await rounds(times, { only: { measured, ...(setup && { setup }), ...(teardown && { teardown }) } })).only,
  );
}
