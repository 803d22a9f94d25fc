import { join } from 'node:path';
import { defineCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { progressReport } from './progress-bar.js';
import { rowSummary } from './row-summary.js';
import { scenarioChoice, scenarioOptions } from './seed-options.js';

/**
 * `cutx-db export`: a scenario written as files for other services. Builds it in a fresh
 * database in a temporary folder, so no target is touched; the same options give the same bytes.
 */
export const exportCommand = defineCommand({
  summary: 'Write a seed scenario as seed.sql, JSON per table, a manifest and a personas module.',
  description: [
    'Builds the scenario in a fresh database in a temporary folder and writes to --out:',
    '  seed.sql       data only; psql -v ON_ERROR_STOP=1 -f seed.sql into a database that has the',
    '                 schema and no rows (as a superuser: triggers are off during the load)',
    "  json/<t>.json  each table's rows (int8 and numeric as strings, instants in UTC), in",
    '                 foreign-key order; readExport in @cutx/db/seeds reads them as typed rows',
    '  manifest.json  format version, scenario, seed, scale, anchor, schema checksum, row counts',
    '  personas.ts    the named users (owner, admin, zeroCredits, ...) with their ids',
    '  personas.json  the same, as JSON',
    'The same scenario, seed, scale, --as-of and schema give byte-identical files (docs/seeds.md).',
  ].join('\n'),
  options: {
    out: {
      type: 'string',
      valueName: 'dir',
      description: 'The folder to write: new, empty, or a previous export (replaced whole). Required.',
    },
    ...scenarioOptions,
  },
  async run(options, { stdout, stderr }) {
    if (options.out === undefined) throw new UsageError('Pass --out <dir>: the folder to write the export to.');
    const choice = await scenarioChoice(options);
    const progress = progressReport(stderr);
    // Loaded here, not at start-up: other commands and `--help` need none of it.
    const { exportSeed } = await import('../../seeds/export/export-seed.js');
    const { manifest, files } = await exportSeed({
      outDir: options.out,
      ...choice,
      onProgress: progress,
    });
    stdout.write(
      [
        `Exported scenario ${manifest.scenario}, seed ${manifest.seed}, scale ${manifest.scale}, as of ${manifest.asOf} to ${options.out}:`,
        rowSummary(Object.entries(manifest.tables)),
        `${manifest.totalRows.toLocaleString('en-US')} rows in ${files.length} files; load with:`,
        `  psql -v ON_ERROR_STOP=1 -f ${join(options.out, 'seed.sql')} "$DATABASE_URL"`,
        '',
      ].join('\n'),
    );
  },
});
