import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engine as engineUnderTest } from '../support/test-db.js';

interface Report {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

/** Runs the fault suite (test/vitest/faults) in a vitest of its own, on `engine`; its JSON report. */
async function runFaultSuite(engine: 'pglite' | 'postgres'): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'cutx-faults-'));
  try {
    const output = join(dir, 'report.json');
    const child = spawn(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--config',
        'test/vitest/faults/vitest.config.ts',
        '--reporter=json',
        `--outputFile=${output}`,
      ],
      { env: { ...process.env, CUTX_FAULTS_ENGINE: engine }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    await once(child, 'close');
    try {
      return JSON.parse(readFileSync(output, 'utf8')) as Report;
    } catch {
      throw new Error(`the fault suite wrote no report; its stderr:\n${stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Each pass of the suite (see .ci/run) runs the fault suite on its own engine.
const engines = [engineUnderTest] as const;

describe.each(engines)('a suite whose tests time out, leave transactions open and throw (%s)', (engine) => {
  it('fails those tests only: every test after each fault finds a clean database', async () => {
    const results = (await runFaultSuite(engine)).testResults.flatMap((file) => file.assertionResults);
    const status = Object.fromEntries(results.map((result) => [result.title, result.status]));
    expect(status).toEqual({
      'writes the first seed-1 user, and loads the factories before the test that times out': 'passed',
      'times out, then writes through its fixtures while the next test runs': 'failed',
      'starts clean after a test that timed out, and its late writes are refused': 'passed',
      'leaves a transaction open on db': 'passed',
      'starts clean after a transaction left open on db': 'passed',
      'leaves a pool client checked out inside a transaction': 'passed',
      'starts clean after a pool client was left in a transaction, which was ended': 'passed',
      'throws mid-write': 'failed',
      'starts clean after a test that threw mid-write': 'passed',
      'a test that reaches the database only through DATABASE_URL starts clean too': 'passed',
    });
    const failures = results.flatMap((result) => result.failureMessages).join('\n');
    expect(failures).toContain('thrown mid-write on purpose');
  }, 600_000);
});
