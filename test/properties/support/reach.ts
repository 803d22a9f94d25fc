import fc from 'fast-check';

const SEEDS = [1, 2, 3, 4, 5];

/**
 * The cases (named predicates) that some run of `runs` values of `arbitrary` never reaches,
 * over five seeds: a property whose default run count is `runs` meets each named case in
 * every one of them, or the case is listed. An empty list is a pass.
 */
export function unreached<T>(
  arbitrary: fc.Arbitrary<T>,
  runs: number,
  cases: Record<string, (value: T) => boolean>,
): string[] {
  return SEEDS.flatMap((seed) => {
    const values = fc.sample(arbitrary, { numRuns: runs, seed });
    return Object.entries(cases)
      .filter(([, reached]) => !values.some(reached))
      .map(([name]) => `${name} (seed ${seed}, ${runs} runs)`);
  });
}
