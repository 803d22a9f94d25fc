/** A mutant as the run plants it: what it breaks, what it touches, and where it comes from. */
export interface Planted {
  name: string;
  /** The object it breaks (constraint, index, trigger, function or `table.column`); a hand-written one names none. */
  target?: string;
}

/** One failure of a copy's run: a failed test, or a test file that failed as a whole (a hook). */
export interface Failure {
  /** The test's full name, or the file's path when the file failed as a whole. */
  title: string;
  message: string;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `text` names `target`: the name as a whole word, or for `table.column` also the
 * way PostgreSQL's errors say it (`column "c" of relation "t"`).
 */
export function names(text: string, target: string): boolean {
  if (new RegExp(`(^|[^a-z0-9_.])${literal(target)}($|[^a-z0-9_])`).test(text)) return true;
  const [table, column] = target.split('.');
  return column !== undefined && text.includes(`column "${column}" of relation "${table}"`);
}

/** What one copy's failures say about the mutants planted in it. */
export interface Attribution<M extends Planted> {
  /** Each mutant a failure is due to, with that failure. */
  killed: Map<M, Failure>;
  /** Failures that name no planted mutant. */
  unexplained: Failure[];
}

/**
 * Which planted mutant each failure is due to. A failure's message is the strongest witness
 * (the constraint that refused a row, the rule an attack expected): the mutants it names
 * are killed. Only when the message names none does the title decide (a test named after
 * the rule it attacks). A copy of one mutant owes every failure to it, since the unchanged
 * schema passes every test.
 */
export function attribute<M extends Planted>(mutants: readonly M[], failures: readonly Failure[]): Attribution<M> {
  const killed = new Map<M, Failure>();
  const unexplained: Failure[] = [];
  const named = (text: string) => mutants.filter(({ target }) => target !== undefined && names(text, target));
  for (const failure of failures) {
    const byMessage = named(failure.message);
    const due = byMessage.length > 0 ? byMessage : named(failure.title);
    for (const mutant of due) if (!killed.has(mutant)) killed.set(mutant, failure);
    if (due.length === 0) unexplained.push(failure);
  }
  const [only] = mutants;
  const [first] = failures;
  if (mutants.length === 1 && only && first && !killed.has(only)) killed.set(only, first);
  return { killed, unexplained: mutants.length === 1 ? [] : unexplained };
}
