import { rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CutxDbError } from '../../src/db/errors.js';
import { type CutxDb, openDb } from '../../src/db/open.js';
import { schemaChecksum } from '../../src/db/schema-files.js';
import { makeScratchFolder } from '../../src/db/scratch-folder.js';
import type { TableName } from '../../src/rows/tables.js';
import { DEFAULT_AS_OF } from '../as-of.js';
import type { Scenario } from '../scenario.js';
import { type SeedProgress, seedDatabase } from '../seed-database.js';
import { tableNames, totalRows } from '../table-order.js';
import { exportFiles, type StagedExport, stageExportFolder } from './export-folder.js';
import { tableJson } from './json-writer.js';
import { EXPORT_FORMAT_VERSION, manifestJson, type SeedManifest } from './manifest.js';
import { personasJson, personasModule, readPersonas } from './personas-module.js';
import { exportTables, readPages, type TableShape } from './read-tables.js';
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
  /** The instant the data leads up to (default `DEFAULT_AS_OF`, fixed); see `SeedOptions.asOf`. */
  asOf?: Date;
  /** Called before each step: each of the scenario's, then each table's writing, then once at the end. */
  onProgress?: (progress: ExportProgress) => void;
  /**
   * Rows read from the database per query (default 5,000): an export holds one page of one
   * table at a time, never the whole scenario. The files do not depend on it.
   */
  pageRows?: number;
}

const PAGE_ROWS = 5000;

/** Where an export is: its steps are the scenario's, then one per table written. */
export interface ExportProgress extends SeedProgress {
  /** `seed`: `rows` counts the rows inserted so far. `write`: the rows written to the files so far. */
  phase: 'seed' | 'write';
}

export interface ExportResult {
  manifest: SeedManifest;
  /** The files written, relative to `outDir`. */
  files: string[];
}

/**
 * Builds a scenario in a fresh database in a temporary folder and writes it out for other services:
 * `seed.sql` (data only, for psql), `json/<table>.json`, `manifest.json`, `personas.ts` and
 * `personas.json` (docs/seeds.md describes the format).
 * The same scenario, seed, scale and schema give byte-identical files.
 *
 * @example await exportSeed({ outDir: 'seed-out', scenario: scenarios.dev, seed: 1 })
 */
export async function exportSeed(options: ExportOptions): Promise<ExportResult> {
  const staged = stageExportFolder(options.outDir);
  // The database is built on disk, not in memory, where a large scale's tables would all
  // sit in this process; it is thrown away with its folder.
  const scratch = makeScratchFolder(tmpdir(), 'cutx-db-export-');
  try {
    return await writeExport(staged, join(scratch, 'db'), options);
  } catch (error) {
    // The files are written as the tables are read: a full disk shows here, not in commit.
    throw staged.writeError(error);
  } finally {
    staged.discard();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function writeExport(staged: StagedExport, dataDir: string, options: ExportOptions): Promise<ExportResult> {
  const { scenario, seed = 1, scale = 1, asOf = DEFAULT_AS_OF, pageRows = PAGE_ROWS } = options;
  if (!Number.isSafeInteger(pageRows) || pageRows < 1) {
    throw new CutxDbError('invalid_input', `pageRows must be a whole number of 1 or more, not ${pageRows}.`);
  }
  const db = await openDb({ dataDir });
  const report = options.onProgress;
  let seedSteps = 0;
  let written = 0;
  const writing = (i: number, label: string) =>
    report?.({ done: seedSteps + i, total: seedSteps + tableNames.length, label, rows: written, phase: 'write' });
  try {
    const { rows: counts } = await seedDatabase(db, {
      scenario,
      seed,
      scale,
      asOf,
      analyze: false,
      // Only when someone listens: each report reads the rows inserted so far. The seed's own
      // last report (its `done`) is left out: the tables' writing follows.
      ...(report && {
        onProgress: (step: SeedProgress) => {
          if (step.done < step.total) report({ ...step, total: step.total + tableNames.length, phase: 'seed' });
          seedSteps = step.total;
        },
      }),
    });
    const description = `scenario ${scenario.name}, seed ${seed}, scale ${scale}, as of ${asOf.toISOString()}`;
    const tables = await exportTables(db);
    const manifest: SeedManifest = {
      formatVersion: EXPORT_FORMAT_VERSION,
      scenario: scenario.name,
      seed,
      scale,
      asOf: asOf.toISOString(),
      schemaChecksum: schemaChecksum(),
      totalRows: totalRows(counts),
      // In foreign-key order (countRows keeps `tables` order), the order seed.sql loads them.
      tables: counts,
    };
    const files = [exportFiles.sql, ...tables.map(({ table }) => tableJsonFile(table))];
    await writeTableFiles(staged.path, db, tables, counts, pageRows, {
      header: `${description}; schema ${manifest.schemaChecksum}`,
      onTable: (i, label, rows) => {
        written = rows;
        writing(i, label);
      },
    });
    writeFileSync(join(staged.path, exportFiles.manifest), manifestJson(manifest));
    const found = await readPersonas(db);
    writeFileSync(join(staged.path, exportFiles.personas), personasModule(found, description));
    writeFileSync(join(staged.path, exportFiles.personasJson), personasJson(found));
    staged.commit();
    return { manifest, files: [...files, exportFiles.manifest, exportFiles.personas, exportFiles.personasJson] };
  } finally {
    await db.close();
  }
}

const tableJsonFile = (table: string) => join(exportFiles.json, `${table}.json`);

/**
 * `seed.sql` and one JSON file per table in `folder`, page by page as the tables are read,
 * so no table is ever whole in memory. `onTable` hears of each table before it is written
 * (and `done` after the last) with the rows written so far.
 */
async function writeTableFiles(
  folder: string,
  db: CutxDb,
  tables: readonly TableShape[],
  counts: Record<TableName, number>,
  pageRows: number,
  { header, onTable }: { header: string; onTable: (i: number, label: string, rowsWritten: number) => void },
): Promise<void> {
  let written = 0;
  const sql = await open(join(folder, exportFiles.sql), 'wx');
  try {
    await sql.appendFile(seedSqlHeader(header));
    for (const [i, shape] of tables.entries()) {
      onTable(i, `write ${shape.table}`, written);
      const total = counts[shape.table];
      await sql.appendFile(`${i === 0 ? '' : '\n'}${tableInserts.opening(shape.table, total)}`);
      const json = await open(join(folder, tableJsonFile(shape.table)), 'wx');
      try {
        await json.appendFile(tableJson.opening(total));
        let start = 0;
        for await (const rows of readPages(shape, db, pageRows)) {
          await sql.appendFile(tableInserts.page(shape, rows, start, total));
          await json.appendFile(tableJson.page(rows, start));
          start += rows.length;
          written += rows.length;
        }
        await json.appendFile(tableJson.closing(total));
      } finally {
        await json.close();
      }
    }
    await sql.appendFile(seedSqlFooter);
    onTable(tables.length, 'done', written);
  } finally {
    await sql.close();
  }
}
