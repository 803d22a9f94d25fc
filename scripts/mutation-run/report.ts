import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { betweenMarkers } from '../markdown-markers.js';
import { equivalentMutants } from './equivalent-mutants.js';

/** One mutant's verdict. */
export interface Outcome {
  name: string;
  target?: string | undefined;
  /** The failure that killed it, if one did. */
  killedBy?: string;
  /** Derived from the catalog (else hand-written). */
  systematic: boolean;
  /** Why no data can tell it apart, when equivalent-mutants.ts says so. */
  equivalent?: string;
}

/** What the run measured. */
export interface RunFigures {
  rounds: number;
  copies: number;
  vitestMs: number;
  /** The 1-minute load average at the start, after each round and at the end. */
  loads: number[];
}

const MARKERS = 'mutation-run:last';
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * The run's report: the score of each kind (killed / (all − documented equivalents)), the
 * time by phase beside the load average, the tests that killed most, and every survivor
 * with the rule it leaves unattacked. Sorted, so two runs with the same verdicts print the same.
 */
export function summary(
  outcomes: Outcome[],
  figures: RunFigures & {
    totalMs: number;
    copy: number;
    codegen: number;
    /** Processor time of this process (copies, codegen) and of the vitest runs, in milliseconds. */
    cpu: { own: number; vitest: number };
  },
): string {
  for (const outcome of outcomes) {
    const reason = equivalentMutants[outcome.name];
    if (reason && !outcome.killedBy) outcome.equivalent = reason;
  }
  const score = (list: Outcome[]) => {
    const killed = list.filter((o) => o.killedBy).length;
    const judged = list.length - list.filter((o) => o.equivalent).length;
    const percent = judged ? ((100 * killed) / judged).toFixed(1) : '-';
    return `${killed} of ${judged} killed (${percent}%)${judged < list.length ? `, ${list.length - judged} equivalent` : ''}`;
  };
  const byFile = new Map<string, number>();
  for (const { killedBy } of outcomes) {
    const file = /test\/[\w/.-]+\.test\.ts|^[^>]+/.exec(killedBy ?? '')?.[0];
    if (killedBy && file) byFile.set(file, (byFile.get(file) ?? 0) + 1);
  }
  const loads = figures.loads;
  const mean = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
  const lines = [
    `commit ${commit()}, ${new Date().toISOString().slice(0, 10)}`,
    `systematic (from the catalog): ${score(outcomes.filter((o) => o.systematic))}`,
    `hand-written: ${score(outcomes.filter((o) => !o.systematic))}`,
    `through the rule tests alone (no freshness or compatibility gate)`,
    `time: ${seconds(figures.totalMs)} in all, ${figures.copies} copies in ${figures.rounds} vitest runs; ` +
      `copying ${seconds(figures.copy)}, codegen ${seconds(figures.codegen)} (made while the previous run tests), ` +
      `vitest ${seconds(figures.vitestMs)}`,
    `processor time: ${seconds(figures.cpu.own)} in this process (codegen), ${seconds(figures.cpu.vitest)} in vitest`,
    `load average (1 min, 2 cores): ${loads[0]} at the start, ${mean.toFixed(1)} on average, ${loads.at(-1)} at the end`,
  ];
  const survivors = outcomes.filter((o) => !o.killedBy).sort((a, b) => a.name.localeCompare(b.name));
  if (survivors.length > 0) {
    lines.push('survivors (the rule each leaves unattacked, or why it is equivalent):');
    for (const s of survivors)
      lines.push(`  ${s.target ?? 'hand-written'}: ${s.name}${s.equivalent ? ` (equivalent: ${s.equivalent})` : ''}`);
  } else {
    lines.push('survivors: none');
  }
  return lines.join('\n');
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Puts `text` between the `mutation-run:last` markers of the Markdown file at `path`, so
 * the published figures are one run's output, never typed by hand.
 */
export function writeSummary(path: string, text: string): void {
  const doc = betweenMarkers(readFileSync(path, 'utf8'), MARKERS, `\n\`\`\`text\n${text}\n\`\`\`\n`);
  if (doc === null) {
    throw new Error(`${path} has no <!-- ${MARKERS} --> ... <!-- /${MARKERS} --> markers: add them, then run again`);
  }
  writeFileSync(path, doc);
}
