import { CutxDbError } from '../../src/db/errors.js';
import { defineCommand } from '../command.js';
import { DEFAULT_DATA_DIR } from '../default-data-dir.js';
import { UsageError } from '../usage-error.js';
import { progressReport } from './progress-bar.js';
import { rowSummary } from './row-summary.js';
import { scenarioChoice, scenarioOptions } from './seed-options.js';
import { openDataDirTarget, openServerTarget, type SeedTarget } from './seed-target.js';

/**
 * `cutx-db seed`: a scenario written into the embedded database (default) or a PostgreSQL
 * server, in one transaction, then VACUUM ANALYZEd. Prints rows per table and how to connect.
 */
export const seed = defineCommand({
  summary: 'Fill a database with a seed scenario (embedded .cutx/pglite by default, or a server).',
  description: [
    'Writes the scenario in one transaction: if anything fails, the target is left as it was.',
    'A target that already holds rows is refused unless --reset (replace them) or --if-empty',
    '(leave them, exit 0). A --database-url is migrated first, and refused unless its host is',
    'this machine or --allow-remote is given. --reset on a server needs a superuser.',
  ].join('\n'),
  options: {
    ...scenarioOptions,
    'data-dir': {
      type: 'string',
      valueName: 'dir',
      description: `Seed the embedded database in this folder (default: ${DEFAULT_DATA_DIR}).`,
    },
    'database-url': { type: 'string', valueName: 'url', description: 'Seed this PostgreSQL server instead.' },
    reset: { type: 'boolean', description: 'Replace the rows a non-empty target holds.' },
    'if-empty': { type: 'boolean', description: 'Seed only an empty target; otherwise say so and exit 0.' },
    'allow-remote': { type: 'boolean', description: 'Allow a --database-url whose host is not loopback.' },
  },
  async run(options, { stdout, stderr, signal }) {
    const choice = await scenarioChoice(options);
    if (options['data-dir'] !== undefined && options['database-url'] !== undefined) {
      throw new UsageError('Pass --data-dir or --database-url, not both.');
    }
    if (options.reset === true && options['if-empty'] === true) {
      throw new UsageError('--reset replaces rows and --if-empty keeps them: pass one of them.');
    }
    const target: SeedTarget =
      options['database-url'] === undefined
        ? await openDataDirTarget(options['data-dir'] ?? DEFAULT_DATA_DIR)
        : await openServerTarget(options['database-url'], options['allow-remote'] === true);
    try {
      const progress = progressReport(stderr);
      const started = performance.now();
      // Loaded here, not at start-up: `serve` and `--help` need none of the seeding code.
      const { seedDatabase } = await import('../../seeds/seed-database.js');
      const result = await seedDatabase(target.client, {
        ...choice,
        target: target.label,
        onExisting: options.reset === true ? 'reset' : options['if-empty'] === true ? 'skip' : 'refuse',
        onProgress: (step) => {
          // Stopping between steps rolls the transaction back: the target stays as it was.
          if (signal.aborted) {
            throw new CutxDbError('interrupted', `Interrupted: nothing was written to ${target.label}.`);
          }
          progress(step);
        },
      });
      if (!result.seeded) {
        stdout.write(
          `${target.label} already holds ${result.existingRows.toLocaleString('en-US')} rows; not seeding (--if-empty).\n`,
        );
        return;
      }
      const seconds = (performance.now() - started) / 1000;
      const total = result.totalRows;
      stdout.write(
        [
          `Seeded ${target.label} with scenario ${choice.scenario.name}, seed ${choice.seed}, scale ${choice.scale}:`,
          rowSummary(Object.entries(result.rows)),
          `${total.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en-US')} rows/s).`,
          '',
          target.connectHint,
          '',
        ].join('\n'),
      );
    } finally {
      await target.close();
    }
  },
});
