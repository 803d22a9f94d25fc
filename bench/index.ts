/**
 * The benchmark of issue 9: per-test isolation, the first database of a worker, bulk
 * inserts, trigram search and the dev seed, each baseline measured in the same run on the
 * same rows; and a service's whole suite under vitest against its alternatives. Prints a
 * table with each target's ratio and ✓/✗, or with `--json` one object of the raw figures
 * (milliseconds and rows per second, medians) and the per-round ratios.
 *
 *   npm run bench            npm run --silent bench -- --json
 */
import { measureBulkInsert } from './bulk-insert.js';
import { measureFirstDb, measureIsolation } from './isolation.js';
import { measureLargeSeed } from './large-seed.js';
import { measurePerTest } from './per-test.js';
import { measureSearch } from './search.js';
import { measureSeed } from './seed.js';
import { measureServiceSuite } from './service-suite.js';

const json = process.argv.includes('--json');
const progress = (what: string) => {
  if (!json) process.stderr.write(`measuring ${what}...\n`);
};

progress('isolation');
const isolation = await measureIsolation(7);
progress('first database of a worker');
const firstDb = measureFirstDb(7);
progress('10,000 tests in vitest');
const perTest = measurePerTest(10_000);
progress('bulk inserts');
const bulk = await measureBulkInsert(10_000, 1_000, 15);
progress('search');
const search = await measureSearch(100_000, 21);
progress('dev seed');
const seed = await measureSeed(11);
progress('large seeds: scale 1 and 100, export, server');
const largeSeed = await measureLargeSeed(7);
progress('service suite (whole vitest runs)');
const suite = await measureServiceSuite(3);
const figures = { ...isolation, ...firstDb, ...perTest, ...bulk, ...search, ...seed, ...largeSeed, ...suite };

if (json) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  const perS = (value: number) => `${Math.round(value).toLocaleString('en')} rows/s`;
  const x = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)}x`;
  const mb = (value: number) => `${Math.round(value)} MB`;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const f = figures;
  const rows: [string, string, string][] = [
    ['reset() after a committed test', ms(f.isolation_ms), `${mark(f.isolation_ms <= 5)} <= 5 ms`],
    ['  clone() / reset()', x(f.clone_ms / f.isolation_ms), `${mark(f.clone_ms / f.isolation_ms >= 90)} >= 90x`],
    ['  clone()', ms(f.clone_ms), ''],
    ['  transaction rollback (no COMMIT possible)', ms(f.rollback_ms), ''],
    ['first createTestDb, fresh process', ms(f.worker_first_db_ms), ''],
    ['  cold create + migrate, fresh process', ms(f.cold_create_ms), ''],
    [
      '  cold / first createTestDb',
      x(f.cold_create_ms / f.worker_first_db_ms),
      `${mark(f.cold_create_ms / f.worker_first_db_ms >= 5)} >= 5x`,
    ],
    ['vitest test, db + factories, tests 51-150', ms(f.per_test_ms), `${mark(f.per_test_ms <= 2)} <= 2 ms`],
    ['  the same, tests 9,901-10,000', ms(f.per_test_10k_ms), ''],
    [
      '  tests 9,901-10,000 / 51-150',
      x(f.per_test_10k_ms / f.per_test_ms),
      `${mark(f.per_test_10k_ms / f.per_test_ms <= 1.2)} <= 1.2x`,
    ],
    ['  plain vitest test, tests 51-150', ms(f.per_test_plain_vitest_ms), ''],
    ['  plain vitest test, tests 9,901-10,000', ms(f.per_test_plain_vitest_10k_ms), ''],
    ['  test bodies, tests 51-150', ms(f.per_test_body_ms), ''],
    ['  test bodies, tests 9,901-10,000', ms(f.per_test_body_10k_ms), ''],
    ['  worker RSS at test 100', mb(f.rss_100_mb), 'reported'],
    ['  worker RSS at test 10,000', mb(f.rss_10k_mb), 'reported'],
    ['createList (bulk), inventory_items', perS(f.bulk_rows_per_s), ''],
    ['  raw COPY of the same rows (ceiling)', perS(f.copy_rows_per_s), ''],
    ['  single INSERT per row', perS(f.single_insert_rows_per_s), ''],
    ['  bulk / raw COPY, per round', x(f.bulk_copy_ratio), `${mark(f.bulk_copy_ratio >= 0.5)} >= 0.5x`],
    ['    middle half of the rounds', `${x(f.bulk_copy_ratio_q1)}-${x(f.bulk_copy_ratio_q3)}`, ''],
    ['    ratio of the medians', x(f.bulk_rows_per_s / f.copy_rows_per_s), ''],
    ['  bulk / single INSERT, per round', x(f.bulk_single_ratio), `${mark(f.bulk_single_ratio >= 5)} >= 5x`],
    ['ILIKE rare substring, 100k items', ms(f.search_ilike_rare_ms), `${mark(f.search_ilike_rare_ms <= 1)} <= 1 ms`],
    ['  same query, index unusable', ms(f.search_ilike_rare_unindexed_ms), ''],
    [
      '  unindexed / indexed',
      x(f.search_ilike_rare_unindexed_ms / f.search_ilike_rare_ms),
      `${mark(f.search_ilike_rare_unindexed_ms / f.search_ilike_rare_ms >= 50)} >= 50x`,
    ],
    ['similarity top 20, 100k items', ms(f.search_similarity_top20_ms), 'reported'],
    ['seed dev scenario, scale 1', ms(f.seed_dev_ms), 'reported'],
    ['  seed path, without VACUUM ANALYZE', perS(f.seed_rows_per_s), ''],
    ["  replay of the seed's statements (ceiling)", perS(f.seed_copy_rows_per_s), ''],
    ['  seed path / replay, per round', x(f.seed_copy_ratio), 'reported'],
    ['    middle half of the rounds', `${x(f.seed_copy_ratio_q1)}-${x(f.seed_copy_ratio_q3)}`, ''],
    ['    ratio of the medians', x(f.seed_rows_per_s / f.seed_copy_rows_per_s), ''],
    ['seed dev, scale 1, fresh data directory', perS(f.seed_scale1_rows_per_s), ''],
    ['seed dev, scale 100, fresh data directory', perS(f.seed_scale100_rows_per_s), ''],
    [
      '  scale 100 / scale 1',
      x(f.seed_scale100_rows_per_s / f.seed_scale1_rows_per_s),
      `${mark(f.seed_scale100_rows_per_s / f.seed_scale1_rows_per_s >= 0.8)} >= 0.8x`,
    ],
    [
      '  scale 100 / raw COPY',
      x(f.seed_scale100_rows_per_s / f.copy_rows_per_s),
      `${mark(f.seed_scale100_rows_per_s / f.copy_rows_per_s >= 0.5)} >= 0.5x`,
    ],
    ['  peak RSS', mb(f.seed_scale100_peak_rss_mb), `${mark(f.seed_scale100_peak_rss_mb < 600)} < 600 MB`],
    [
      'export dev, scale 100: peak RSS',
      mb(f.export_scale100_peak_rss_mb),
      `${mark(f.export_scale100_peak_rss_mb < 600)} < 600 MB`,
    ],
    [
      'seed dev, scale 100, into PostgreSQL',
      f.seed_pg_scale100_rows_per_s === undefined ? 'no server' : perS(f.seed_pg_scale100_rows_per_s),
      'reported',
    ],
    ['service suite 8x50, cutxDb(), cache warm', ms(f.service_suite_ms), 'reported'],
    ['  same, template cache empty', ms(f.service_suite_cold_ms), ''],
    ['  each file a fresh PGlite + schema/', ms(f.service_suite_per_file_db_ms), ''],
    [
      '  per-file PGlite / cutxDb()',
      x(f.service_suite_per_file_db_ms / f.service_suite_ms),
      `${mark(f.service_suite_per_file_db_ms / f.service_suite_ms >= 5)} >= 5x`,
    ],
    ['  no database at all (floor)', ms(f.service_suite_no_db_ms), ''],
    [
      '  cutxDb() / no database',
      x(f.service_suite_ms / f.service_suite_no_db_ms),
      `${mark(f.service_suite_ms / f.service_suite_no_db_ms <= 2)} <= 2x`,
    ],
    f.service_suite_pg_template_ms === undefined
      ? ['  each file CREATE DATABASE ... TEMPLATE', 'no server', 'CUTX_TEST_DATABASE_URL unset']
      : ['  each file CREATE DATABASE ... TEMPLATE', ms(f.service_suite_pg_template_ms), ''],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  console.log(`${'measurement'.padEnd(width)}  ${'median'.padStart(valueWidth)}  target`);
  for (const [label, value, target] of rows)
    console.log(`${label.padEnd(width)}  ${value.padStart(valueWidth)}  ${target}`);
}
