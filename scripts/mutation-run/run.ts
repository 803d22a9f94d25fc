// npm run test:mutations [-- <part of a mutant's name> | <file of names>] [--write docs/testing.md]
//
// Plants bugs the way one is committed and asks whether the rule tests notice. Each scratch
// copy of the package (schema/, src/, test/, factories/, ...) gets its bugs, `npm run
// codegen` regenerates its metadata and types (in this process: generate() is what the
// command runs), and the tests that can notice them run on it. The freshness and
// compatibility gates (the metadata-equals-catalog test, the applied-file-changed gate,
// the compat gate) and the coverage meta-test are never run, so a kill is a rule test's.
//
// Catalog mutants (catalog-mutants.ts) are the statements of a new file after the last one,
// many per copy (packing.ts says which may share one); a failure is attributed to the
// mutant its message or its title names (attribution.ts). A mutant with no verdict in a
// copy where another one failed tests is planted again; one planted where no test failed
// survived. Hand-written mutants (hand-written-mutants.ts) edit an existing line; those
// that name their rule and table share copies with each other.
// Exits 1 when a mutant survives that equivalent-mutants.ts does not explain.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open.js';
import { attribute, type Failure } from './attribution.js';
import { baseRowBreakers, referencingTables } from './base-row-breakers.js';
import { baseTemplate } from './catalog-copy.js';
import { catalogMutants } from './catalog-mutants.js';
import { chooser } from './chooser.js';
import { mutants as handWritten } from './hand-written-mutants.js';
import { type Job, pack } from './packing.js';
import { type Outcome, type RunFigures, summary, writeSummary } from './report.js';
import { cached, copyTimes, makeCopy } from './scratch-copy.js';
import { familyTests, gateFiles, ruleTestFiles } from './test-files.js';
import { runRound } from './vitest-round.js';

const root = resolve(import.meta.dirname, '..', '..');
// Copies tested in one vitest process: more shares its start-up, fewer bounds its memory.
const COPIES_PER_ROUND = 12;

const { values, positionals } = parseArgs({ options: { write: { type: 'string' } }, allowPositionals: true });
const scratch = mkdtempSync(join(tmpdir(), 'cutx-mutations-'));
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
const cacheDir = join(scratch, 'cache');
mkdirSync(cacheDir);
const base = baseTemplate(cacheDir);
let copies = 0;

interface Prepared {
  dir: string;
  jobs: Job[];
  tests: string[];
  /** Its files in the template cache. */
  cached: string[];
}

async function prepared(pack: Job[]): Promise<Prepared> {
  const dir = join(scratch, `copy-${copies++}`);
  const statements = pack.flatMap(({ catalog }) => (catalog ? [catalog] : []));
  const edits = pack.flatMap(({ edit }) => (edit ? [edit] : []));
  const cached = await makeCopy(root, dir, statements, edits, cacheDir, await base);
  return { dir, jobs: pack, tests: [...new Set(pack.flatMap((job) => job.tests))].sort(), cached };
}

/** Prepares the packs one after the other (see makeCopy). */
async function prepareAll(packs: Job[][]): Promise<Prepared[]> {
  const out: Prepared[] = [];
  for (const p of packs) out.push(await prepared(p));
  return out;
}

/** Deletes every cached template but the unchanged schema's and those of `keep`: the finished copies' are not needed again. */
async function pruneCache(keep: Prepared[]): Promise<void> {
  const kept = new Set([(await base).fileName, ...keep.flatMap((copy) => copy.cached)]);
  for (const file of cached(cacheDir)) if (!kept.has(file)) rmSync(join(cacheDir, file), { force: true });
}

/** The catalog mutants chosen, each with the tests that can notice it and whether it breaks base rows. */
async function catalogJobs(chosen: (name: string) => boolean, rules: string[]) {
  const db = await openDb({ migrate: false });
  try {
    await migrate(db);
    const mutants = (await catalogMutants(db)).filter((mutant) => chosen(mutant.name));
    const reach = await referencingTables(db);
    const breakers = await baseRowBreakers(db, mutants);
    const tests = familyTests(rules);
    const jobs = mutants.map(
      (catalog): Job => ({
        name: catalog.name,
        target: catalog.target,
        scope: catalog.scope,
        table: catalog.table,
        widens: catalog.widens,
        breaks: breakers.has(catalog.name),
        tests: tests[catalog.family],
        catalog,
        tries: 0,
      }),
    );
    return { jobs, reach };
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  if (values.write && positionals[0]) {
    console.error('--write records a full run: leave out the choice of mutants.');
    return -1;
  }
  const started = performance.now();
  const figures: RunFigures = { rounds: 0, copies: 0, vitestMs: 0, loads: [loadAverage()] };
  const chosen = chooser(positionals[0]);
  const rules = ruleTestFiles(root);
  const gates = new Set(gateFiles());
  const { jobs, reach } = await catalogJobs(chosen, rules);
  const edits = handWritten
    .filter((edit) => chosen(`hand-written: ${edit.name}`))
    .map(
      (edit): Job => ({
        name: `hand-written: ${edit.name}`,
        ...(edit.target ? { target: edit.target } : {}),
        table: edit.table,
        scope: `hand-written: ${edit.name}`,
        tests: edit.tests.filter((test) => !gates.has(test)),
        edit,
        tries: 0,
      }),
    );

  const baseline = await prepared([]);
  const [baselineFailed = []] = await runRound([{ dir: baseline.dir, tests: rules }], scratch, 0, cacheDir);
  rmSync(baseline.dir, { recursive: true, force: true });
  if (baselineFailed.length > 0) {
    console.error('The rule tests fail on the unchanged schema, so they cannot judge a mutant:');
    for (const failure of baselineFailed) console.error(`${failure.title}: ${failure.message.split('\n')[0]}`);
    return -1;
  }
  console.log(`unchanged schema: ${rules.length} rule test files pass`);
  console.log(
    `${jobs.length} catalog mutants (${jobs.filter((j) => j.breaks).length} refuse the base rows), ${edits.length} hand-written`,
  );

  const outcomes: Outcome[] = [];
  const queue: Job[][] = [...pack(jobs, reach), ...pack(edits, reach)];
  let undecided: Job[] = [];
  const take = () => {
    // Mutants planted again go first, so that verdicts (the survivors above all) come early.
    if (undecided.length > 0) {
      queue.unshift(...pack(undecided, reach));
      undecided = [];
    }
    return prepareAll(queue.splice(0, COPIES_PER_ROUND));
  };
  // The next round's copies (codegen, in this process) are made while vitest tests this one.
  let next = take();
  for (let n = 1; ; n++) {
    const round = await next;
    await pruneCache(round);
    if (round.length === 0) break;
    next = take();
    const roundStarted = performance.now();
    const results = await runRound(round, scratch, n, cacheDir);
    figures.vitestMs += performance.now() - roundStarted;
    figures.rounds++;
    figures.copies += round.length;
    figures.loads.push(loadAverage());
    let killed = 0;
    let survived = 0;
    let again = 0;
    round.forEach((copy, i) => {
      const failures = results[i] ?? [];
      const { killed: kills, unexplained } = attribute(copy.jobs, failures);
      const rest = copy.jobs.filter((job) => !kills.has(job));
      for (const [job, failure] of kills)
        outcomes.push({ name: job.name, target: job.target, killedBy: describe(failure), systematic: !job.edit });
      killed += kills.size;
      if (failures.length === 0) {
        for (const job of rest) {
          outcomes.push({ name: job.name, target: job.target, systematic: !job.edit });
          console.log(`  survived: ${job.name}`);
        }
        survived += rest.length;
      } else if (unexplained.length > 0 && rest.length > 1) {
        // A failure no name explains: halve the copy until it does.
        const half = Math.ceil(rest.length / 2);
        queue.push(rest.slice(0, half).map(retry), rest.slice(half).map(retry));
        again += rest.length;
      } else {
        undecided.push(...rest.map(retry));
        again += rest.length;
      }
      rmSync(copy.dir, { recursive: true, force: true });
    });
    console.log(
      `round ${n}: ${round.length} copies, ${killed} killed, ${survived} survived, ${again} planted again (vitest ${seconds(performance.now() - roundStarted)}, load average ${figures.loads.at(-1)})`,
    );
    if (queue.length + undecided.length > 0 && (await next).length === 0) next = take();
  }

  figures.loads.push(loadAverage());
  const cpu = { own: ownCpu(), vitest: childrenCpu() };
  const text = summary(outcomes, { ...figures, cpu, totalMs: performance.now() - started, ...copyTimes });
  console.log(`\n${text}`);
  if (values.write) writeSummary(values.write, text);
  return outcomes.filter((outcome) => !outcome.killedBy && !outcome.equivalent).length;
}

const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
// Waited-for children's processor time (the vitest runs and their workers), from Linux's
// /proc (fields 16 and 17, in clock ticks of 10 ms); 0 elsewhere.
const childrenCpu = () => {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
};
const retry = (job: Job): Job => ({ ...job, tries: job.tries + 1 });
const describe = (failure: Failure) => `${failure.title}: ${failure.message.split('\n')[0]?.slice(0, 160) ?? ''}`;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const loadAverage = () => Number((loadavg()[0] ?? 0).toFixed(1));

// Stopped with Ctrl-C or a kill: no scratch copy is left behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}
try {
  process.exitCode = (await main()) === 0 ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
