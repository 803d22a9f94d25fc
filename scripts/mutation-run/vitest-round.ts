import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Failure } from './attribution.js';
import { runChild } from './run-child.js';

/** A scratch copy of the package and the test files to run in it (relative to it). */
export interface CopyTests {
  dir: string;
  tests: string[];
}

interface FileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
}

// The first lines of a message: enough to name the rule, without the stack.
const firstLines = (text: string) => text.split('\n').slice(0, 6).join('\n');

/** The failures of one copy's test files, as the JSON reporter gives them. */
function failuresOf(files: FileResult[], dir: string): Failure[] {
  return files.flatMap((file) => {
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    const tests = failed.map((test) => ({
      title: test.fullName,
      message: firstLines((test.failureMessages ?? []).join('\n')),
    }));
    if (file.status !== 'failed' || failed.length > 0) return tests;
    return [{ title: file.name.slice(dir.length + 1), message: firstLines(file.message ?? '') }];
  });
}

/**
 * Runs each copy's tests in one vitest process, one project per copy, and returns each
 * copy's failures. `cacheDir` holds the template databases (named by their schema's
 * checksum, so copies never share one by mistake).
 */
export async function runRound(
  copies: CopyTests[],
  scratch: string,
  n: number,
  cacheDir: string,
): Promise<Failure[][]> {
  const config = join(scratch, `vitest-${n}.config.mjs`);
  const report = join(scratch, `report-${n}.json`);
  const projects = copies.map((copy, i) => ({
    test: { name: `copy${i}`, root: copy.dir, include: copy.tests, testTimeout: 300_000, hookTimeout: 600_000 },
  }));
  // Files share their worker's modules, as in the repository's own config.
  writeFileSync(config, `export default ${JSON.stringify({ test: { projects, maxWorkers: 2, isolate: false } })};\n`);
  // The copy's own schema/: its modules find it from their path, not from the environment.
  const { CUTX_TEST_DATABASE_URL: _server, CUTX_SCHEMA_DIR: _schema, ...env } = process.env;
  const { status, stderr } = await runChild(
    join(scratch, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', config, '--root', scratch, '--reporter=json', `--outputFile=${report}`],
    { ...env, CUTX_DB_CACHE_DIR: cacheDir },
  );
  let files: FileResult[];
  try {
    files = (JSON.parse(readFileSync(report, 'utf8')) as { testResults: FileResult[] }).testResults;
  } catch {
    throw new Error(`vitest wrote no report (exit ${status}): ${stderr}`);
  }
  return copies.map((copy) =>
    failuresOf(
      files.filter((file) => file.name.startsWith(`${copy.dir}/`)),
      copy.dir,
    ),
  );
}
