/**
 * What one test costs inside vitest with the recommended setup, early in a worker and after
 * thousands of tests that each wrote rows and were reset, against plain vitest's own cost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { DEFAULT_GC_EVERY_TESTS } from '../vitest/periodic-gc.js';
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
  /** What V8's heap held at test 100, garbage not yet collected included (`heapUsed`). */
  heap_used_100_mb: number;
  /** The same at the last test. */
  heap_used_10k_mb: number;
  /** The memory V8 had reserved for its heap at test 100 (`heapTotal`): resident once used. */
  heap_total_100_mb: number;
  /** The same at the last test. */
  heap_total_10k_mb: number;
  /** Memory outside V8's heap that JS objects own (`external`: buffers, PGlite's WASM memory). */
  external_100_mb: number;
  /** The same at the last test. */
  external_10k_mb: number;
  /** Of it, ArrayBuffers (`arrayBuffers`: PGlite's in-memory files, the cached template). */
  array_buffers_100_mb: number;
  /** The same at the last test. */
  array_buffers_10k_mb: number;
  /** PGlite's WebAssembly memory (PostgreSQL's own heap and shared buffers). */
  wasm_100_mb: number;
  /** The same at the last test. */
  wasm_10k_mb: number;
  /** The median gap before a test that follows a full collection (every `DEFAULT_GC_EVERY_TESTS` tests). */
  per_test_after_gc_ms: number;
  /** Worker RSS at test 100 with `collectGarbageEvery: 0` (no collections of ours). */
  rss_100_no_gc_mb: number;
  /** The same at the last test. */
  rss_10k_no_gc_mb: number;
  /** Tests 51-150 with `collectGarbageEvery: 0`. */
  per_test_no_gc_ms: number;
  /** The last 100 tests with `collectGarbageEvery: 0`. */
  per_test_10k_no_gc_ms: number;
  /** The gap between tests with no fixtures and no plugin, tests 51-150. */
  per_test_plain_vitest_ms: number;
  /** The same over the last 100 tests. */
  per_test_plain_vitest_10k_ms: number;
}

/** The worker's memory at a test, in bytes: `process.memoryUsage()` and PGlite's WASM memory. */
interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Without the `pglite` fixture (plain vitest): 0. */
  wasm: number;
}

/** What a test file of the run wrote in its afterAll: each body's start and end, and memory at tests 100 and last. */
interface Marks {
  starts: number[];
  ends: number[];
  memory: Record<string, Memory>;
}

const MARKS = 'marks.json';

/**
 * A file of `tests` tests recording the marks; `fixtures` is what each test takes, `body`
 * what it does, `wasm` the expression for PGlite's WASM memory.
 */
function testFile(tests: number, from: string, fixtures: string, body: string, wasm: string): string {
  return `import { writeFileSync } from 'node:fs';
import { afterAll, test } from '${from}';

const starts = [];
const ends = [];
const memory = {};
for (let n = 1; n <= ${tests}; n++) {
  test(\`test \${n}\`, async (${fixtures}) => {
    starts.push(performance.now());
${body}
    if (n === 100 || n === ${tests}) {
      // PGlite's Emscripten module (a protected field) holds its WebAssembly memory.
      memory[n] = { ...process.memoryUsage(), wasm: ${wasm} };
    }
    ends.push(performance.now());
  });
}
afterAll(() => writeFileSync(new URL('./${MARKS}', import.meta.url), JSON.stringify({ starts, ends, memory })));
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

const mb = (bytes: number) => bytes / 2 ** 20;

/** The memory figures, in MB, at test 100 and at the last test. */
function memoryFigures(early: Memory, late: Memory) {
  return {
    rss_100_mb: mb(early.rss),
    rss_10k_mb: mb(late.rss),
    heap_used_100_mb: mb(early.heapUsed),
    heap_used_10k_mb: mb(late.heapUsed),
    heap_total_100_mb: mb(early.heapTotal),
    heap_total_10k_mb: mb(late.heapTotal),
    external_100_mb: mb(early.external),
    external_10k_mb: mb(late.external),
    array_buffers_100_mb: mb(early.arrayBuffers),
    array_buffers_10k_mb: mb(late.arrayBuffers),
    wasm_100_mb: mb(early.wasm),
    wasm_10k_mb: mb(late.wasm),
  };
}

/** The median gap before the tests that follow a collection (tests N+1, 2N+1, ...). */
function afterGc(marks: Marks, tests: number): number {
  const gaps: number[] = [];
  for (let n = DEFAULT_GC_EVERY_TESTS + 1; n <= tests; n += DEFAULT_GC_EVERY_TESTS) {
    gaps.push((marks.starts[n - 1] as number) - (marks.ends[n - 2] as number));
  }
  return median(gaps);
}

/** One run of the writing file with `cutxDb(options)`. */
function runWithDb(tests: number, options: string): Marks {
  return runFile(
    tests,
    `import { defineConfig } from 'vitest/config';
import { cutxDb } from '@cutx/db/vitest/config';
export default defineConfig({ plugins: [cutxDb(${options})] });
`,
    testFile(
      tests,
      '@cutx/db/vitest',
      '{ db, factories, pglite }',
      WRITING_BODY,
      'pglite.mod.wasmMemory.buffer.byteLength',
    ),
  );
}

/**
 * Three `vitest run`s of one file of `tests` tests each, in a scratch project: with
 * `plugins: [cutxDb()]` and tests of `@cutx/db/vitest` that write through `factories` and
 * read through `db`; the same with `collectGarbageEvery: 0`; then plain vitest tests that do
 * nothing, the baseline.
 */
export function measurePerTest(tests: number): PerTestFigures {
  const withDb = runWithDb(tests, '');
  const noGc = runWithDb(tests, '{ collectGarbageEvery: 0 }');
  const plain = runFile(tests, 'export default {};\n', testFile(tests, 'vitest', '', '', '0'));
  const early = window(withDb, 51, 150);
  const late = window(withDb, tests - 99, tests);
  return {
    per_test_ms: early.gap,
    per_test_10k_ms: late.gap,
    per_test_body_ms: early.body,
    per_test_body_10k_ms: late.body,
    ...memoryFigures(withDb.memory[100] as Memory, withDb.memory[tests] as Memory),
    per_test_after_gc_ms: afterGc(withDb, tests),
    rss_100_no_gc_mb: mb((noGc.memory[100] as Memory).rss),
    rss_10k_no_gc_mb: mb((noGc.memory[tests] as Memory).rss),
    per_test_no_gc_ms: window(noGc, 51, 150).gap,
    per_test_10k_no_gc_ms: window(noGc, tests - 99, tests).gap,
    per_test_plain_vitest_ms: window(plain, 51, 150).gap,
    per_test_plain_vitest_10k_ms: window(plain, tests - 99, tests).gap,
  };
}
