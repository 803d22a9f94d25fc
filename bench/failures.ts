import type { Trial } from './stats.js';

/** What failed during a bench run: a whole section, or one variant inside a section. */
const failures: string[] = [];

/** Records that `what` failed, prints it at once, and keeps it for the report. */
export function reportFailure(what: string, error: unknown): void {
  const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  failures.push(`${what}: ${reason}`);
  process.stderr.write(`  failed: ${what}: ${reason}\n`);
}

/** Everything `reportFailure` recorded so far. */
export const recordedFailures = (): readonly string[] => failures;

/**
 * `trials`, each changed so that its first failure is reported (as variant `name` of
 * `section`) and added to `failed`, and its later rounds do nothing, instead of the failure
 * ending the whole measurement.
 */
export function survivingFailures<T>(
  section: string,
  trials: Record<string, Trial<T>>,
  failed: Set<string>,
): Record<string, Trial<T>> {
  return Object.fromEntries(
    Object.entries(trials).map(([name, trial]) => [
      name,
      {
        ...trial,
        measured: async (input: T) => {
          if (failed.has(name)) return;
          try {
            await trial.measured(input);
          } catch (error) {
            failed.add(name);
            reportFailure(`${section}, variant ${name}`, error);
          }
        },
      },
    ]),
  );
}
