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
