/**
 * What `npm run bench` measures, one section per subject, each with its full and its quick
 * size. A section that throws is reported as failed and the others still run and print.
 */
import { measureBulkInsert } from './bulk-insert.js';
import { measureDrizzleSeedPeer } from './drizzle-seed-peer.js';
import { measureFirstDb, measureIsolation } from './isolation.js';
import { measureLargeSeed } from './large-seed.js';
import { measurePerTest } from './per-test.js';
import { measureSearch } from './search.js';
import { measureSeed } from './seed.js';
import { measureServiceSuite } from './service-suite.js';
import { measureWorkersSuite } from './workers-suite.js';

/** Every figure a run can produce (a section's figures are missing when it failed or did not run). */
export type Figures = Partial<
  Awaited<ReturnType<typeof measureIsolation>> &
    ReturnType<typeof measureFirstDb> &
    ReturnType<typeof measurePerTest> &
    Awaited<ReturnType<typeof measureDrizzleSeedPeer>> &
    Awaited<ReturnType<typeof measureBulkInsert>> &
    Awaited<ReturnType<typeof measureSearch>> &
    Awaited<ReturnType<typeof measureSeed>> &
    Awaited<ReturnType<typeof measureLargeSeed>> &
    Awaited<ReturnType<typeof measureServiceSuite>> &
    Awaited<ReturnType<typeof measureWorkersSuite>>
>;

export interface Section {
  readonly name: string;
  /** Runs in `--quick` too (with `quick` set): the headline ratios. */
  readonly inQuick: boolean;
  readonly measure: (quick: boolean) => Promise<Figures> | Figures;
}

export const SECTIONS: readonly Section[] = [
  { name: 'isolation', inQuick: true, measure: (quick) => measureIsolation(quick ? 3 : 7) },
  { name: 'first database of a worker', inQuick: false, measure: () => measureFirstDb(7) },
  { name: 'tests in vitest', inQuick: true, measure: (quick) => measurePerTest(quick ? 1_000 : 10_000) },
  { name: 'factories against drizzle-seed', inQuick: true, measure: (quick) => measureDrizzleSeedPeer(quick ? 3 : 9) },
  { name: 'bulk inserts', inQuick: false, measure: () => measureBulkInsert(10_000, 1_000, 15) },
  { name: 'search', inQuick: false, measure: () => measureSearch(100_000, 21) },
  { name: 'dev seed', inQuick: false, measure: () => measureSeed(11) },
  { name: 'large seeds: scale 1 and 100, export, server', inQuick: false, measure: () => measureLargeSeed(7) },
  { name: 'service suite (whole vitest runs)', inQuick: false, measure: () => measureServiceSuite(3) },
  // Out of --quick: installing wrangler (and Node 22 on an older Node) from npm alone takes minutes.
  { name: 'Workers suite in workerd', inQuick: false, measure: () => measureWorkersSuite(3) },
];
