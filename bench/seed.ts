/** The dev scenario at scale 1 (about 6,200 rows through the factories), seeded into a fresh database. */

import { dev } from '../seeds/scenarios/dev.js';
import { seedDatabase } from '../seeds/seed-database.js';
import { createTestDb } from '../src/testing/create-test-db.js';
import { medianMs } from './stats.js';

/** Median milliseconds of seedDatabase (transaction and ANALYZE included) over `rounds` fresh databases. */
export async function measureSeed(rounds: number): Promise<{ seed_dev_ms: number }> {
  const seed_dev_ms = await medianMs(
    rounds,
    (db) => seedDatabase(db, { scenario: dev, seed: 1, scale: 1 }),
    createTestDb,
    (db) => db.close(),
  );
  return { seed_dev_ms };
}
