/**
 * The dev scenario at scale 1 (about 4,300 rows through the factories), seeded into a fresh
 * database, and the same rows for the seed's ceiling. Every sample gets a fresh database.
 *
 * - seed: seedDatabase timed whole, once with VACUUM ANALYZE (as it runs by default) and once
 *   without, for the rows per second: building, validating, writing and reading back.
 * - replay (the ceiling): the writes a seed sent (its statements, recorded beforehand,
 *   untimed) replayed in one transaction; the schema's triggers fire in both.
 */
import { dev } from '../seeds/scenarios/dev.js';
import { seedDatabase } from '../seeds/seed-database.js';
import { countRows, tableNames } from '../seeds/table-order.js';
import type { CutxDb } from '../src/db/open.js';
import { createTestDb } from '../src/testing/create-test-db.js';
import { median, pairedRatios, perSecond, quantile, rounds } from './stats.js';
import { type RecordedWrite, recordWrites, replayWrites } from './write-recorder.js';

const options = { scenario: dev, seed: 1, scale: 1 };
const close = (db: CutxDb) => db.close();

export interface SeedFigures {
  seed_dev_ms: number;
  seed_rows_per_s: number;
  seed_copy_rows_per_s: number;
  /** The median over rounds of the seed's rows/s over the replay's (see `pairedRatios`). */
  seed_copy_ratio: number;
  seed_copy_ratio_q1: number;
  seed_copy_ratio_q3: number;
}

/** Medians over `times` fresh databases each, rounds interleaved. */
export async function measureSeed(times: number): Promise<SeedFigures> {
  const writes: RecordedWrite[] = [];
  const recorded = await createTestDb();
  const { rows, totalRows } = await seedDatabase(recordWrites(recorded, writes), { ...options, analyze: false });
  await recorded.close();

  const ms = await rounds(times, {
    dev: { setup: createTestDb, measured: (db) => seedDatabase(db, options), teardown: close, collected: true },
    seed: {
      setup: createTestDb,
      measured: (db) => seedDatabase(db, { ...options, analyze: false }),
      teardown: close,
      collected: true,
    },
    copy: {
      setup: createTestDb,
      measured: (db) => replayWrites(db, writes),
      teardown: async (db) => {
        // A replay that wrote other rows would be no baseline for these.
        const replayed = await countRows(db);
        const differ = tableNames.filter((table) => replayed[table] !== rows[table]);
        if (differ.length > 0)
          throw new Error(`The replay wrote other row counts than the seed in ${differ.join(', ')}`);
        await db.close();
      },
      collected: true,
    },
  });
  const seedPerCopy = pairedRatios(ms.copy, ms.seed);
  return {
    seed_dev_ms: median(ms.dev),
    seed_rows_per_s: perSecond(totalRows, median(ms.seed)),
    seed_copy_rows_per_s: perSecond(totalRows, median(ms.copy)),
    seed_copy_ratio: median(seedPerCopy),
    seed_copy_ratio_q1: quantile(seedPerCopy, 0.25),
    seed_copy_ratio_q3: quantile(seedPerCopy, 0.75),
  };
}
