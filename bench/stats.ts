/** The middle of the samples (the mean of the two middles for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** How many untimed rounds run first, so JIT tiering and heap growth settle before timing. */
const WARMUPS = 2;

/**
 * Runs `setup` untimed, `measured` timed and `teardown` untimed, `times` times after
 * WARMUPS untimed rounds, and returns the median of the timed part in milliseconds. Setup's
 * result is handed to the other two.
 */
export async function medianMs<T>(
  times: number,
  measured: (input: T) => Promise<unknown>,
  setup: () => Promise<T> = async () => undefined as T,
  teardown: (input: T) => Promise<unknown> = async () => undefined,
): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUPS + times; i++) {
    const input = await setup();
    const start = performance.now();
    await measured(input);
    if (i >= WARMUPS) samples.push(performance.now() - start);
    await teardown(input);
  }
  return median(samples);
}
