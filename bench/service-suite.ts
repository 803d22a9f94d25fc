/**
 * A service's suite as its developers feel it: whole `vitest run`s of a generated project
 * (bench/suite-project.ts), timed as the wall clock of the vitest process. The recommended
 * setup, with the template cache warm and empty, against what a team does without this
 * package, and against the same project with no database at all.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { fromPg } from '../src/db/pg-client.js';
import { survivingFailures } from './failures.js';
import { runVitest, writeScratchVitestProject } from './scratch-vitest-project.js';
import { median, rounds, type Trial } from './stats.js';
import { SUITE_FILES, type SuiteVariant, suiteProjectFiles, TESTS_PER_FILE } from './suite-project.js';

/** Milliseconds per `vitest run` of the 8 x 50 tests, medians; a variant that failed has none. */
export interface ServiceSuiteFigures {
  /** `plugins: [cutxDb()]` and the `db` fixture, the template cache built by an earlier run. */
  service_suite_ms?: number | undefined;
  /** The same with an empty template cache: the globalSetup builds the templates first. */
  service_suite_cold_ms?: number | undefined;
  /** vitest's defaults; each file opens a fresh PGlite and applies every schema file. */
  service_suite_per_file_db_ms?: number | undefined;
  /** vitest's defaults, no database, trivial tests: the floor. */
  service_suite_no_db_ms?: number | undefined;
  /** Only with CUTX_TEST_DATABASE_URL: each file a `CREATE DATABASE ... TEMPLATE` on that server. */
  service_suite_pg_template_ms?: number | undefined;
}

/** The median of `times` interleaved rounds of each variant, in projects under a temporary folder removed at the end. */
export async function measureServiceSuite(times: number): Promise<ServiceSuiteFigures> {
  const root = mkdtempSync(join(tmpdir(), 'cutx-db-suite-'));
  const serverUrl = process.env.CUTX_TEST_DATABASE_URL;
  let template: string | undefined;
  try {
    const project = (variant: SuiteVariant) => {
      const dir = join(root, variant);
      writeScratchVitestProject(dir, suiteProjectFiles(variant));
      return dir;
    };
    const withCutxDb = project('cutx-db');
    const warmCache = join(root, 'template-cache');
    const trials: Record<string, Trial<NodeJS.ProcessEnv>> = {
      warm: suiteRun(withCutxDb, () => ({ CUTX_DB_CACHE_DIR: warmCache })),
      cold: {
        ...suiteRun(withCutxDb, async () => ({ CUTX_DB_CACHE_DIR: mkdtempSync(join(root, 'empty-cache-')) })),
        teardown: async (env) => rmSync(env.CUTX_DB_CACHE_DIR as string, { recursive: true }),
      },
      perFileDb: suiteRun(project('pglite-per-file')),
      noDb: suiteRun(project('no-db')),
    };
    if (serverUrl !== undefined && serverUrl !== '') {
      template = `cutx_bench_suite_${process.pid}`;
      await createMigratedDatabase(serverUrl, template);
      const env = { SUITE_SERVER_URL: serverUrl, SUITE_TEMPLATE_DB: template };
      trials.pgTemplate = suiteRun(project('pg-template-per-file'), () => env);
    }
    const failed = new Set<string>();
    // One untimed round: it fills the warm variant's template cache and the page cache. A
    // vitest run is a new process each time, with no JIT or heap of the bench's to settle.
    const samples = await rounds(times, survivingFailures('service suite', trials, failed), 1);
    // A variant that failed is left out; the others' figures still print.
    const ms = (trial: string) => (failed.has(trial) ? undefined : median(samples[trial] as number[]));
    return {
      service_suite_ms: ms('warm'),
      service_suite_cold_ms: ms('cold'),
      service_suite_per_file_db_ms: ms('perFileDb'),
      service_suite_no_db_ms: ms('noDb'),
      service_suite_pg_template_ms: trials.pgTemplate && ms('pgTemplate'),
    };
  } finally {
    if (template !== undefined && serverUrl !== undefined) await dropDatabase(serverUrl, template);
    rmSync(root, { recursive: true, force: true });
  }
}

/** One `vitest run` in `project`, with the variables `env` gives (made untimed) added to the environment. */
function suiteRun(project: string, env: () => NodeJS.ProcessEnv | Promise<NodeJS.ProcessEnv> = () => ({})) {
  return {
    setup: async () => ({ ...process.env, ...(await env()) }),
    measured: (fullEnv: NodeJS.ProcessEnv) => runSuite(project, fullEnv),
  };
}

/**
 * Runs `vitest run` in `project` as its developer would (vitest's own binary, the project's
 * config, a quiet reporter) and throws with vitest's output unless every one of the suite's
 * tests ran and passed, so that a broken variant cannot report a fast time.
 */
async function runSuite(project: string, env: NodeJS.ProcessEnv): Promise<void> {
  const report = join(project, 'report.json');
  rmSync(report, { force: true });
  const output = runVitest(project, ['--reporter=dot', '--reporter=json', `--outputFile.json=${report}`], env);
  const expected = SUITE_FILES * TESTS_PER_FILE;
  const passed = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')).numPassedTests as number) : 0;
  if (passed !== expected)
    throw new Error(`vitest run in ${project}: ${passed} of ${expected} tests passed:\n${output}`);
}

/** `name`, created on the server at `serverUrl` and migrated: the template of the pg variant, built untimed. */
async function createMigratedDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await migrate(fromPg(client));
  } finally {
    await client.end();
  }
}

const dropDatabase = (serverUrl: string, name: string) => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name}`);

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
