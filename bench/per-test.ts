/**
 * What one test costs inside vitest with the recommended setup, early in a worker and after
 * thousands of tests that each wrote rows and were reset, against plain vitest's own cost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { inScratchVitestProject } from './scratch-vitest-project.js';
import { median } from './stats.js';

/** Milliseconds per test (medians over a window of 100 tests) and the worker's RSS. */
export interface PerTestFigures {
  /** From one test body's end to the next one's start (fixture teardown with its reset, vitest, fixture setup), tests 51-150. */
  per_test_ms: number;
  /** The same over the last 100 tests. */
  per_test_10k_ms: number;
  /** The test bodies themselves (factory writes and a query), tests 51-150. */
  per_test_body_ms: number;
  /** The same over the last 100 tests. */
  per_test_body_10k_ms: number;
  /** The worker's resident memory at test 100. */
  rss_100_mb: number;
  /** The same at the last test. */
  rss_10k_mb: number;
  /** The gap between tests with no fixtures and no plugin, tests 51-150. */
  per_test_plain_vitest_ms: number;
  /** The same over the last 100 tests. */
  per_test_plain_vitest_10k_ms: number;
}

/** What a test file of the run wrote in its afterAll: each body's start and end, and RSS at tests 100 and last. */
interface Marks {
  starts: number[];
  ends: number[];
  rssMb: Record<string, number>;
}

const MARKS = 'marks.json';

/** A file of `tests` tests recording the marks; `fixtures` is what each test takes and does. */
function testFile(tests: number, from: string, fixtures: string, body: string): string {
  return `import { writeFileSync } from 'node:fs';
import { afterAll, test } from '${from}';

const starts = [];
const ends = [];
const rssMb = {};
for (let n = 1; n <= ${tests}; n++) {
  test(\`test \${n}\`, async (${fixtures}) => {
    starts.push(performance.now());
${body}
    if (n === 100 || n === ${tests}) rssMb[n] = process.memoryUsage().rss / 2 ** 20;
    ends.push(performance.now());
  });
}
afterAll(() => writeFileSync(new URL('./${MARKS}', import.meta.url), JSON.stringify({ starts, ends, rssMb })));
`;
}

// A user (its balance and signup grant come from triggers), two rows it owns, and a read:
// rows written in every test, for the fixture's reset to delete.
const WRITING_BODY = `    const user = await factories.users.create();
    await factories.projects.create({ user });
    await factories.inventoryItems.create({ user });
    const { rows } = await db.query('SELECT balance FROM credit_balances WHERE user_id = $1', [user.id]);
    if (rows.length !== 1) throw new Error('expected one balance, got ' + rows.length);`;

/** Runs one file of `tests` tests in one worker and returns its marks, checking every test ran. */
function runFile(tests: number, config: string, file: string): Marks {
  const files = { 'vitest.config.mjs': config, 'per-test.test.mjs': file };
  return inScratchVitestProject(files, [], (folder, output) => {
    const summary = stripVTControlCharacters(output).match(/Tests\s+(\d+) passed \((\d+)\)/);
    const marks: Marks = JSON.parse(readFileSync(join(folder, MARKS), 'utf8'));
    if (summary?.[1] !== String(tests) || summary[2] !== String(tests) || marks.ends.length !== tests) {
      throw new Error(`expected ${tests} tests to pass, each recording its marks; vitest printed:\n${output}`);
    }
    return marks;
  });
}

/** Median of the gaps before tests `first`..`last` (1-based), and of those tests' bodies. */
function window(marks: Marks, first: number, last: number): { gap: number; body: number } {
  const gaps: number[] = [];
  const bodies: number[] = [];
  for (let n = first; n <= last; n++) {
    gaps.push((marks.starts[n - 1] as number) - (marks.ends[n - 2] as number));
    bodies.push((marks.ends[n - 1] as number) - (marks.starts[n - 1] as number));
  }
  return { gap: median(gaps), body: median(bodies) };
}

/**
 * Two `vitest run`s of one file of `tests` tests each, in a scratch project: with
 * `plugins: [cutxDb()]` and tests of `@cutx/db/vitest` that write through `factories` and
 * read through `db`; then plain vitest tests that do nothing, the baseline.
 */
export function measurePerTest(tests: number): PerTestFigures {
  const withDb = runFile(
    tests,
    `import { defineConfig } from 'vitest/config';
import { cutxDb } from '@cutx/db/vitest/config';
export default defineConfig({ plugins: [cutxDb()] });
`,
    testFile(tests, '@cutx/db/vitest', '{ db, factories }', WRITING_BODY),
  );
  const plain = runFile(tests, 'export default {};\n', testFile(tests, 'vitest', '', ''));
  const early = window(withDb, 51, 150);
  const late = window(withDb, tests - 99, tests);
  return {
    per_test_ms: early.gap,
    per_test_10k_ms: late.gap,
    per_test_body_ms: early.body,
    per_test_body_10k_ms: late.body,
    rss_100_mb: withDb.rssMb[100] as number,
    rss_10k_mb: withDb.rssMb[tests] as number,
    per_test_plain_vitest_ms: window(plain, 51, 150).gap,
    per_test_plain_vitest_10k_ms: window(plain, tests - 99, tests).gap,
  };
}
