import { join } from 'node:path';
import { openDb } from '../../src/db/open.js';
import { schemaChecksum } from '../../src/db/schema-files.js';
import type { Scenario } from '../scenario.js';
import { type SeedProgress, seedDatabase } from '../seed-database.js';
import { totalRows } from '../table-order.js';
import { exportFiles, type StagedExport, stageExportFolder } from './export-folder.js';
import { tableJson } from './json-writer.js';
import { manifestJson, type SeedManifest } from './manifest.js';
import { personasModule } from './personas-module.js';
import { readTables } from './read-tables.js';
import { seedSqlFooter, seedSqlHeader, tableInserts } from './sql-writer.js';

export interface ExportOptions {
  /**
   * The folder to write: a new or empty one, or a previous export (replaced whole). Anything
   * else is refused before any work, with nothing written (see `checkExportFolder`).
   */
  outDir: string;
  scenario: Scenario;
  seed?: number;
  scale?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface ExportResult {
  manifest: SeedManifest;
  /** The files written, relative to `outDir`. */
  files: string[];
}

/**
 * Builds a scenario in a fresh in-memory database and writes it out for other services:
 * `seed.sql` (data only, for psql), `json/<table>.json`, `manifest.json` and `personas.ts`.
 * The same scenario, seed, scale and schema give byte-identical files.
 *
 * @example await exportSeed({ outDir: 'seed-out', scenario: scenarios.dev, seed: 1 })
 */
export async function exportSeed(options: ExportOptions): Promise<ExportResult> {
  const staged = stageExportFolder(options.outDir);
  try {
    return await writeExport(staged, options);
  } finally {
    staged.discard();
  }
}

async function writeExport(staged: StagedExport, options: ExportOptions): Promise<ExportResult> {
  const { scenario, seed = 1, scale = 1 } = options;
  const db = await openDb();
  try {
    await seedDatabase(db, {
      scenario,
      seed,
      scale,
      analyze: false,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    const description = `scenario ${scenario.name}, seed ${seed}, scale ${scale}`;
    const dumps = await readTables(db);
    const counts = Object.fromEntries(dumps.map((dump) => [dump.table, dump.rows.length]));
    const manifest: SeedManifest = {
      scenario: scenario.name,
      seed,
      scale,
      schemaChecksum: schemaChecksum(),
      totalRows: totalRows(counts),
      tables: counts,
    };
    const files = new Map<string, string>([
      [
        exportFiles.sql,
        `${seedSqlHeader(`${description}; schema ${manifest.schemaChecksum}`)}${dumps.map(tableInserts).join('\n')}${seedSqlFooter}`,
      ],
      ...dumps.map((dump): [string, string] => [join(exportFiles.json, `${dump.table}.json`), tableJson(dump)]),
      [exportFiles.manifest, manifestJson(manifest)],
      [exportFiles.personas, await personasModule(db, description)],
    ]);
    staged.commit(files);
    return { manifest, files: [...files.keys()] };
  } finally {
    await db.close();
  }
}
