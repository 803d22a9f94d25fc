import type { Planted } from './attribution.js';
import type { CatalogMutant } from './catalog-mutants.js';
import type { Mutant as HandWritten } from './hand-written-mutants.js';

/** A mutant waiting for a copy: what it touches and which test files can notice it. */
export interface Job extends Planted {
  scope: string;
  table?: string | undefined;
  widens?: boolean | undefined;
  /** Refuses the attacks' base rows (found before the run), so its table's attacks all fail. */
  breaks?: boolean;
  tests: string[];
  catalog?: CatalogMutant;
  edit?: HandWritten;
  /** Copies it has been planted in without a verdict. */
  tries: number;
}

/** Catalog mutants planted in one copy, at most. */
export const MUTANTS_PER_COPY = 24;

/**
 * Whether `a` and `b` cannot share a copy: they change the same thing (unless both only
 * widen different CHECKs, which cannot make another rule's attack fail), or one refuses
 * the base rows of a table the other's attacks need (`reach`: each table and the tables
 * whose base rows are made on top of it). A hand-written mutant edits an applied file, so
 * its copy migrates from scratch: it shares one only with other hand-written ones.
 */
function conflict(a: Job, b: Job, reach: Map<string, Set<string>>): boolean {
  if (a.edit || b.edit) {
    // Hand-written mutants share only with each other, each named and of its own table.
    if (!a.edit || !b.edit || !a.target || !b.target || !a.table || !b.table) return true;
    return a.table === b.table;
  }
  if (a.scope === b.scope && !(a.widens && b.widens && a.target !== b.target)) return true;
  const blocks = (x: Job, y: Job) =>
    x.breaks === true && x.table !== undefined && y.table !== undefined && (reach.get(x.table)?.has(y.table) ?? false);
  return blocks(a, b) || blocks(b, a);
}

/**
 * `jobs` packed into copies: first fit, the most constrained first (the mutants that refuse
 * base rows, then those that narrow a rule, then those that widen one). A job tried often
 * without a verdict goes alone.
 */
export function pack(jobs: Job[], reach: Map<string, Set<string>>): Job[][] {
  const rank = (job: Job) => (job.breaks ? 0 : job.widens ? 2 : 1);
  const packs: Job[][] = [];
  for (const job of [...jobs].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))) {
    const fits = (p: Job[]) =>
      job.tries < 3 &&
      p.length < MUTANTS_PER_COPY &&
      p.every((other) => other.tries < 3 && !conflict(other, job, reach));
    const into = packs.find(fits);
    if (into) into.push(job);
    else packs.push([job]);
  }
  return packs;
}
