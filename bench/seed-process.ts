/**
 * Run by bench/large-seed.ts in a fresh process, compiled as the package is: seeds (the way
 * `cutx-db seed` does, VACUUM ANALYZE included) or exports the dev scenario once, and prints
 * as JSON the milliseconds, the rows and the process's peak RSS, which is this job's alone.
 *
 *   seed-process.js seed <scale> <dataDir>        a fresh embedded database
 *   seed-process.js seed-url <scale> <url>        an empty migrated database on a server
 *   seed-process.js export <scale> <outDir>
 */
import { openDataDirTarget, openServerTarget, type SeedTarget } from '../cli/commands/seed-target.js';
import { exportSeed } from '../seeds/export/export-seed.js';
import { dev } from '../seeds/scenarios/dev.js';
import { seedDatabase } from '../seeds/seed-database.js';

const [mode, scaleText, where] = process.argv.slice(2);
const scale = Number(scaleText);
if (where === undefined || !Number.isSafeInteger(scale)) {
  throw new Error(`usage: seed-process.js seed|seed-url|export <scale> <dir or url> (got ${process.argv.slice(2)})`);
}

async function seedInto(target: SeedTarget): Promise<{ ms: number; rows: number }> {
  try {
    const started = performance.now();
    const { totalRows } = await seedDatabase(target.client, { scenario: dev, seed: 1, scale });
    return { ms: performance.now() - started, rows: totalRows };
  } finally {
    await target.close();
  }
}

async function exportTo(outDir: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const { manifest } = await exportSeed({ outDir, scenario: dev, seed: 1, scale });
  return { ms: performance.now() - started, rows: manifest.totalRows };
}

const measured =
  mode === 'seed'
    ? await seedInto(await openDataDirTarget(where))
    : mode === 'seed-url'
      ? await seedInto(await openServerTarget(where, false))
      : mode === 'export'
        ? await exportTo(where)
        : undefined;
if (measured === undefined) throw new Error(`unknown mode ${mode}: seed, seed-url or export`);
// maxRSS is in kilobytes.
process.stdout.write(JSON.stringify({ ...measured, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
