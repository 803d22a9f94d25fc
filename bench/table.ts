/**
 * The bench's table: one row per figure or ratio, with its target and ✓/✗. A row whose
 * figures a failed or skipped section did not produce is left out.
 */
import type { Figures } from './sections.js';

type Measured = { [K in keyof Figures]-?: Exclude<Figures[K], undefined> };

interface Row {
  readonly label: string;
  readonly value: (f: Measured) => string;
  readonly target?: (f: Measured) => string;
  /** The row's label in the README's headline table, for the rows that go there. */
  readonly headline?: string;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const perS = (value: number) => `${Math.round(value).toLocaleString('en')} rows/s`;
const x = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)}x`;
const mb = (value: number) => `${Math.round(value)} MB`;
const fromTo = (early: number, late: number) => `${mb(early)} → ${mb(late)}`;
const atMost = (value: number, limit: number, unit = '') => `${value <= limit ? '✓' : '✗'} <= ${limit}${unit}`;
const atLeast = (value: number, limit: number, unit = '') => `${value >= limit ? '✓' : '✗'} >= ${limit}${unit}`;

const ROWS: readonly Row[] = [
  {
    label: 'reset() after a committed test',
    headline: 'test database reset after a committed test',
    value: (f) => ms(f.isolation_ms),
    target: (f) => atMost(f.isolation_ms, 5, ' ms'),
  },
  {
    label: '  clone() / reset()',
    value: (f) => x(f.clone_ms / f.isolation_ms),
    target: (f) => atLeast(f.clone_ms / f.isolation_ms, 90, 'x'),
  },
  { label: '  clone()', value: (f) => ms(f.clone_ms) },
  { label: '  transaction rollback (no COMMIT possible)', value: (f) => ms(f.rollback_ms) },
  { label: 'first createTestDb, fresh process', value: (f) => ms(f.worker_first_db_ms) },
  { label: '  cold create + migrate, fresh process', value: (f) => ms(f.cold_create_ms) },
  {
    label: '  cold / first createTestDb',
    value: (f) => x(f.cold_create_ms / f.worker_first_db_ms),
    target: (f) => atLeast(f.cold_create_ms / f.worker_first_db_ms, 5, 'x'),
  },
  {
    label: 'vitest test, db + factories, tests 51-150',
    headline: 'vitest test with db + factories, tests 51-150',
    value: (f) => ms(f.per_test_ms),
    target: (f) => atMost(f.per_test_ms, 2, ' ms'),
  },
  { label: '  the same, last 100 tests', value: (f) => ms(f.per_test_10k_ms) },
  {
    label: '  last 100 / tests 51-150',
    value: (f) => x(f.per_test_10k_ms / f.per_test_ms),
    target: (f) => atMost(f.per_test_10k_ms / f.per_test_ms, 1.2, 'x'),
  },
  { label: '  plain vitest test, tests 51-150', value: (f) => ms(f.per_test_plain_vitest_ms) },
  { label: '  plain vitest test, last 100 tests', value: (f) => ms(f.per_test_plain_vitest_10k_ms) },
  { label: '  worker RSS at test 100', value: (f) => mb(f.rss_100_mb) },
  { label: '  worker RSS at the last test', value: (f) => mb(f.rss_10k_mb) },
  {
    label: '  RSS last / RSS at test 100',
    headline: 'worker RSS at test 10,000 / at test 100',
    value: (f) => x(f.rss_10k_mb / f.rss_100_mb),
    target: (f) => atMost(f.rss_10k_mb / f.rss_100_mb, 1.2, 'x'),
  },
  { label: '    V8 heap used, test 100 → last', value: (f) => fromTo(f.heap_used_100_mb, f.heap_used_10k_mb) },
  { label: '    V8 heap reserved, test 100 → last', value: (f) => fromTo(f.heap_total_100_mb, f.heap_total_10k_mb) },
  { label: '    external, test 100 → last', value: (f) => fromTo(f.external_100_mb, f.external_10k_mb) },
  {
    label: '    of it ArrayBuffers, test 100 → last',
    value: (f) => fromTo(f.array_buffers_100_mb, f.array_buffers_10k_mb),
  },
  { label: '    PGlite WASM memory, test 100 → last', value: (f) => fromTo(f.wasm_100_mb, f.wasm_10k_mb) },
  { label: '  gap after a full collection (median)', value: (f) => ms(f.per_test_after_gc_ms) },
  { label: '  collectGarbageEvery: 0, tests 51-150', value: (f) => ms(f.per_test_no_gc_ms) },
  { label: '    the same, last 100 tests', value: (f) => ms(f.per_test_10k_no_gc_ms) },
  { label: '    worker RSS, test 100 → last', value: (f) => fromTo(f.rss_100_no_gc_mb, f.rss_10k_no_gc_mb) },
  { label: '    RSS last / RSS at test 100', value: (f) => x(f.rss_10k_no_gc_mb / f.rss_100_no_gc_mb) },
  { label: 'factories, users → projects → products → images', value: (f) => perS(f.factories_relational_rows_per_s) },
  { label: '  drizzle-seed, the same rows', value: (f) => perS(f.drizzle_seed_relational_rows_per_s) },
  {
    label: '  factories / drizzle-seed, per round',
    headline: 'factories / drizzle-seed, same rows',
    value: (f) => x(f.factories_drizzle_seed_ratio),
    target: (f) => atLeast(f.factories_drizzle_seed_ratio, 2, 'x'),
  },
  {
    label: '    middle half of the rounds',
    value: (f) => `${x(f.factories_drizzle_seed_ratio_q1)}-${x(f.factories_drizzle_seed_ratio_q3)}`,
  },
  { label: 'createList (bulk), inventory_items', value: (f) => perS(f.bulk_rows_per_s) },
  { label: '  raw COPY of the same rows (ceiling)', value: (f) => perS(f.copy_rows_per_s) },
  { label: '  single INSERT per row', value: (f) => perS(f.single_insert_rows_per_s) },
  {
    label: '  bulk / raw COPY, per round',
    value: (f) => x(f.bulk_copy_ratio),
    target: (f) => atLeast(f.bulk_copy_ratio, 0.5, 'x'),
  },
  {
    label: '  bulk / single INSERT, per round',
    value: (f) => x(f.bulk_single_ratio),
    target: (f) => atLeast(f.bulk_single_ratio, 5, 'x'),
  },
  {
    label: 'ILIKE rare substring, 100k items',
    value: (f) => ms(f.search_ilike_rare_ms),
    target: (f) => atMost(f.search_ilike_rare_ms, 1, ' ms'),
  },
  {
    label: '  unindexed / indexed',
    value: (f) => x(f.search_ilike_rare_unindexed_ms / f.search_ilike_rare_ms),
    target: (f) => atLeast(f.search_ilike_rare_unindexed_ms / f.search_ilike_rare_ms, 50, 'x'),
  },
  { label: 'similarity top 20, 100k items', value: (f) => ms(f.search_similarity_top20_ms) },
  { label: 'seed dev scenario, scale 1', value: (f) => ms(f.seed_dev_ms) },
  { label: '  seed path / replay of its statements, per round', value: (f) => x(f.seed_copy_ratio) },
  { label: 'seed dev, scale 1, fresh data directory', value: (f) => perS(f.seed_scale1_rows_per_s) },
  { label: 'seed dev, scale 100, fresh data directory', value: (f) => perS(f.seed_scale100_rows_per_s) },
  {
    label: '  scale 100 / scale 1',
    value: (f) => x(f.seed_scale100_rows_per_s / f.seed_scale1_rows_per_s),
    target: (f) => atLeast(f.seed_scale100_rows_per_s / f.seed_scale1_rows_per_s, 0.8, 'x'),
  },
  {
    label: '  peak RSS',
    value: (f) => mb(f.seed_scale100_peak_rss_mb),
    target: (f) => atMost(f.seed_scale100_peak_rss_mb, 600, ' MB'),
  },
  {
    label: 'export dev, scale 100: peak RSS',
    value: (f) => mb(f.export_scale100_peak_rss_mb),
    target: (f) => atMost(f.export_scale100_peak_rss_mb, 600, ' MB'),
  },
  { label: 'seed dev, scale 100, into PostgreSQL', value: (f) => perS(f.seed_pg_scale100_rows_per_s) },
  { label: 'service suite 8x50, cutxDb(), cache warm', value: (f) => ms(f.service_suite_ms) },
  { label: '  same, template cache empty', value: (f) => ms(f.service_suite_cold_ms) },
  { label: '  each file a fresh PGlite + schema/', value: (f) => ms(f.service_suite_per_file_db_ms) },
  { label: '  no database at all (floor)', value: (f) => ms(f.service_suite_no_db_ms) },
  {
    label: '  cutxDb() / no database',
    headline: 'service suite with cutxDb() / with no database',
    value: (f) => x(f.service_suite_ms / f.service_suite_no_db_ms),
    target: (f) => atMost(f.service_suite_ms / f.service_suite_no_db_ms, 2, 'x'),
  },
  { label: '  each file CREATE DATABASE ... TEMPLATE', value: (f) => ms(f.service_suite_pg_template_ms) },
  {
    label: 'Workers pool test in workerd, pglite, reset before it',
    value: (f) => ms(f.workers_test_pglite_ms),
    headline: 'Workers test in workerd, database reset before it, pglite',
  },
  {
    label: '  the same, postgres',
    value: (f) => ms(f.workers_test_postgres_ms),
    headline: 'the same, postgres',
  },
  { label: '  the same, no database behind the binding', value: (f) => ms(f.workers_test_no_db_ms) },
];

class NotMeasured extends Error {}

/** `figures`, where reading a figure that is missing throws, so a row can tell it was not measured. */
function strict(figures: Figures): Measured {
  return new Proxy(figures as Measured, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (value === undefined) throw new NotMeasured(String(key));
      return value;
    },
  });
}

/** A row's value or target, or '' when a figure it needs was not measured. */
function cell(make: ((f: Measured) => string) | undefined, f: Measured): string {
  if (make === undefined) return '';
  try {
    return make(f);
  } catch (error) {
    if (error instanceof NotMeasured) return '';
    throw error;
  }
}

/**
 * The table as Markdown, one row per figure that was measured; with `headline`, only the
 * rows the README shows, under their headline labels.
 */
export function renderTable(figures: Figures, headline = false): string {
  const f = strict(figures);
  const lines = ['| measurement | median | target |', '| --- | ---: | --- |'];
  for (const row of ROWS) {
    if (headline && row.headline === undefined) continue;
    const value = cell(row.value, f);
    // Sections that failed are listed under the table; those not run (--quick) have no rows.
    if (value === '') continue;
    // Markdown drops leading spaces; a dot per level keeps a sub-row under its figure.
    const label = headline ? row.headline : row.label.replace(/^( +)/, (indent) => '· '.repeat(indent.length / 2));
    lines.push(`| ${label} | ${value} | ${cell(row.target, f)} |`);
  }
  return lines.join('\n');
}
