/**
 * The Workers proof project (test/workers) inside workerd, installed from the packed tarball
 * by scripts/workers-project.sh as scripts/workers-test.sh installs it: what a test costs
 * there with the database (reset before each test through the binding) on each engine,
 * against the same empty tests with no database behind the binding.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { survivingFailures } from './failures.js';
import { median, rounds, type Trial } from './stats.js';

/** Milliseconds per empty test in workerd, the median over the rounds of each run's median; a variant that failed has none. */
export interface WorkersSuiteFigures {
  /** `cutxDbWorkers({ engine: 'pglite' })`: a PGlite database served to the binding, reset before each test. */
  workers_test_pglite_ms?: number | undefined;
  /** `cutxDbWorkers({ engine: 'postgres' })`: a PostgreSQL 15 database behind the binding, reset before each test. */
  workers_test_postgres_ms?: number | undefined;
  /** The Workers pool alone, nothing behind the binding: the floor. */
  workers_test_no_db_ms?: number | undefined;
}

/** The repository root: the compiled bench runs from node_modules/.cache/cutx-db-bench/bench/. */
const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/** How many empty tests the project's test/per-test-cost.test.ts holds. */
const EMPTY_TEST_COUNT = 20;

/** A limit for one step, far past what it takes, so that a hung workerd fails the variant instead of the bench. */
const STEP_TIMEOUT_MS = 15 * 60_000;

/**
 * Installs the project into a temporary folder (removed at the end), then runs each
 * variant's `vitest run` once untimed (it builds the template cache and warms the disk) and
 * `times` more, rounds interleaved. Throws, failing the section, when the install fails
 * (for example when Node 22 or wrangler cannot be fetched from npm).
 */
export async function measureWorkersSuite(times: number): Promise<WorkersSuiteFigures> {
  const work = mkdtempSync(join(tmpdir(), 'cutx-db-workers-'));
  try {
    run('bash', [join(repo, 'scripts', 'workers-project.sh'), work], repo, process.env);
    const nodeBin = readFileSync(join(work, 'node-bin'), 'utf8').trim();
    const env = {
      ...process.env,
      PATH: nodeBin === '' ? process.env.PATH : `${nodeBin}:${process.env.PATH}`,
      CUTX_DB_CACHE_DIR: join(work, 'template-cache'),
    };
    const node = nodeBin === '' ? process.execPath : join(nodeBin, 'node');
    const project = join(work, 'worker');
    const samples: Record<string, number[]> = { pglite: [], postgres: [], noDb: [] };
    const variant = (name: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Trial<undefined> => ({
      measured: async () => {
        const ms = medianTestMs(node, project, args, { ...env, ...extraEnv }, join(work, `${name}.json`));
        samples[name]?.push(ms);
      },
    });
    const failed = new Set<string>();
    const trials = {
      // The whole suite, as scripts/workers-test.sh runs it: the empty tests come after the
      // Worker's own, so they time a database that has served tests, not a just-opened one.
      pglite: variant('pglite', [], { CUTX_TEST_ENGINE: 'pglite' }),
      postgres: variant('postgres', [], { CUTX_TEST_ENGINE: 'postgres' }),
      noDb: variant('noDb', ['--config', 'vitest.nodb.config.ts']),
    };
    await rounds(times, survivingFailures('Workers suite', trials, failed), 1);
    // The untimed round's samples are the first of each list.
    const ms = (name: string) => (failed.has(name) ? undefined : median(samples[name]?.slice(1) ?? []));
    return {
      workers_test_pglite_ms: ms('pglite'),
      workers_test_postgres_ms: ms('postgres'),
      workers_test_no_db_ms: ms('noDb'),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * One `vitest run` of the project with `args`, under `node`: the median duration vitest
 * reported for the empty tests. Throws unless all of them ran and passed.
 */
function medianTestMs(node: string, project: string, args: string[], env: NodeJS.ProcessEnv, report: string): number {
  rmSync(report, { force: true });
  const vitest = join(project, 'node_modules', 'vitest', 'vitest.mjs');
  const output = run(
    node,
    [vitest, 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`, ...args],
    project,
    env,
  );
  const tests = existsSync(report)
    ? (JSON.parse(readFileSync(report, 'utf8')) as VitestReport).testResults
        .filter((file) => file.name.endsWith('per-test-cost.test.ts'))
        .flatMap((file) => file.assertionResults)
    : [];
  const passed = tests.filter((test) => test.status === 'passed');
  if (passed.length !== EMPTY_TEST_COUNT) {
    throw new Error(
      `${passed.length} of ${EMPTY_TEST_COUNT} empty tests passed in workerd (vitest run ${args.join(' ')}):\n${output}`,
    );
  }
  return median(passed.map((test) => test.duration ?? 0));
}

interface VitestReport {
  testResults: { name: string; assertionResults: { status: string; duration?: number }[] }[];
}

/** Runs `command` with `args` in `cwd`; what it printed. Throws, its last lines first, when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: STEP_TIMEOUT_MS,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    const last = output.trim().split('\n').slice(-3).join(' | ');
    const how = result.error?.message ?? `exit ${result.status ?? result.signal}`;
    throw new Error(`${command} ${args[0]} failed (${how}): ${last}\n${output}`);
  }
  return output;
}
