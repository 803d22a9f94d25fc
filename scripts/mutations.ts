// npm run test:mutations [-- <part of a mutant's name>]
//
// Plants each single-line bug of scripts/mutants.ts in a scratch copy of schema/, runs the
// tests that should notice it against that copy (CUTX_SCHEMA_DIR), and reports which
// mutants survive. The unchanged copy runs first: a test that fails on it kills nothing.
// Exits 1 when a mutant survives or a mutant no longer applies.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Mutant, mutants } from './mutants.js';

interface Outcome {
  failed: string[];
  error?: string;
}

interface VitestReport {
  testResults: {
    name: string;
    status: string;
    assertionResults: { fullName: string; status: string }[];
    message?: string;
  }[];
}

const scratch = mkdtempSync(join(tmpdir(), 'cutx-mutations-'));
// One template cache for the run: every copy of the schema has its own checksum, so its own template.
const cacheDir = join(scratch, 'cache');

/** Runs `tests` against the schema in `schemaDir`; the names of the tests that failed. */
function runTests(schemaDir: string, tests: string[]): Outcome {
  const reportFile = join(scratch, 'report.json');
  rmSync(reportFile, { force: true });
  const { CUTX_TEST_DATABASE_URL: _server, ...env } = process.env;
  const run = spawnSync(
    'npx',
    ['vitest', 'run', ...tests, '--reporter=json', `--outputFile=${reportFile}`, '--bail=1'],
    { env: { ...env, CUTX_SCHEMA_DIR: schemaDir, CUTX_DB_CACHE_DIR: cacheDir }, encoding: 'utf8' },
  );
  let report: VitestReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
  } catch {
    return { failed: [], error: `vitest wrote no report (exit ${run.status}): ${run.stderr.slice(-400)}` };
  }
  // A file that fails outside its tests (its beforeAll, say) has noticed the mutant too.
  const failed = report.testResults.flatMap((file) => [
    ...file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
    ...(file.status === 'failed' && file.message ? [`${file.name}: ${file.message.split('\n')[0]}`] : []),
  ]);
  return run.status === 0 || failed.length > 0 ? { failed } : { failed, error: run.stderr.slice(-400) };
}

function copySchema(name: string, mutant?: Mutant): string {
  const dir = join(scratch, name);
  cpSync('schema', dir, { recursive: true });
  if (mutant) {
    const file = join(dir, mutant.file);
    const sql = readFileSync(file, 'utf8');
    const count = sql.split(mutant.find).length - 1;
    if (count !== 1) throw new Error(`mutant "${mutant.name}": its line occurs ${count} times in ${mutant.file}`);
    // A function, so that a $' in the SQL is not read as a replacement pattern.
    writeFileSync(
      file,
      sql.replace(mutant.find, () => mutant.replace),
    );
  }
  return dir;
}

/** Runs the chosen mutants; how many survived, or -1 when the unchanged schema already fails. */
function main(only: string | undefined): number {
  const chosen = mutants.filter((mutant) => !only || mutant.name.includes(only));
  const tests = [...new Set(chosen.flatMap((mutant) => mutant.tests))];
  const baseline = runTests(copySchema('unchanged'), tests);
  if (baseline.failed.length > 0 || baseline.error) {
    console.error('The tests fail on the unchanged schema, so they cannot judge a mutant:');
    console.error(baseline.error ?? baseline.failed.join('\n'));
    return -1;
  }
  console.log(`unchanged schema: ${tests.join(', ')} pass\n`);
  let survivors = 0;
  for (const [i, mutant] of chosen.entries()) {
    const outcome = runTests(copySchema(`mutant-${i}`, mutant), mutant.tests);
    if (outcome.failed.length > 0) {
      console.log(`killed    ${mutant.name}\n          by ${outcome.failed[0]}`);
    } else {
      survivors++;
      console.log(`SURVIVED  ${mutant.name} (${mutant.file})${outcome.error ? `\n          ${outcome.error}` : ''}`);
    }
  }
  console.log(`\n${chosen.length - survivors} of ${chosen.length} mutants killed`);
  return survivors;
}

try {
  process.exitCode = main(process.argv[2]) === 0 ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
