import type { Faker } from '@faker-js/faker';
import { seededFaker } from '../factories/factory-run.js';
import { createFactories } from '../factories/index.js';
import { CutxDbError } from '../src/db/errors.js';
import type { SqlClient, TransactionalClient } from '../src/db/sql-client.js';
import type { TableName } from '../src/rows/tables.js';
import type { Scenario } from './scenario.js';
import { countRows, noTableHasPages, tableNames, totalRows } from './table-order.js';

/** What to do when the target already holds rows. */
export type OnExisting = 'refuse' | 'reset' | 'skip';

export interface SeedOptions {
  scenario: Scenario;
  /** Same seed (and scenario, scale and schema), same rows: ids and timestamps included. */
  seed?: number;
  /** Volume multiplier (a whole number, 1 or more). */
  scale?: number;
  /**
   * `refuse` (default) throws `target_not_empty`; `reset` empties every table first, in the
   * same transaction; `skip` leaves the rows and seeds nothing.
   */
  onExisting?: OnExisting;
  /** How messages name the target: a data directory or a redacted URL. */
  target?: string;
  /**
   * Run VACUUM ANALYZE after committing (default true), so plans use the indexes at once.
   * ANALYZE alone leaves the new rows' trigrams in the GIN index's pending list, which every
   * search then scans (measured: 3-6 ms a query at 100k items, against 0.3 ms after VACUUM).
   */
  analyze?: boolean;
  /** Called before each step of the scenario, and once with `done === total` at the end. */
  onProgress?: (progress: SeedProgress) => void;
}

/** Where a seed is: `done` of `total` steps, the step about to run, rows written so far. */
export interface SeedProgress {
  done: number;
  total: number;
  label: string;
  /** Rows inserted so far in the seed's transaction, the triggers' rows included. */
  rows: number;
}

export interface SeedResult {
  /** False when `onExisting: 'skip'` found rows and left them. */
  seeded: boolean;
  /** Rows the target held before (and, when not seeded, still holds). */
  existingRows: number;
  /** Rows per table afterwards. */
  rows: Record<TableName, number>;
  totalRows: number;
}

/** The scenario's own seeded faker: choices like names, apart from the factories' streams. */
function scenarioRandom(seed: number): Faker {
  return seededFaker([seed, 0x5eed]);
}

/**
 * Runs a scenario on `client` in one transaction: a failure anywhere (or an existing row
 * without `reset`) leaves the database exactly as it was. Then VACUUM ANALYZEs it.
 *
 * `reset` empties the tables with TRUNCATE under `session_replication_role = replica`, so
 * the audit log's no-truncate trigger stays out of the way; on a server that needs a
 * superuser (as `pg_dump --disable-triggers` does).
 *
 * @example await seedDatabase(db, { scenario: scenarios.dev, seed: 1, scale: 1 })
 */
export async function seedDatabase(client: TransactionalClient, options: SeedOptions): Promise<SeedResult> {
  const { scenario, seed = 1, scale = 1, onExisting = 'refuse', target = 'The database' } = options;
  const steps = scenario.plan(scale);
  const result = await client.transaction(async (tx) => {
    const existingRows = (await noTableHasPages(tx)) ? 0 : totalRows(await countRows(tx));
    if (existingRows > 0) {
      if (onExisting === 'skip') return { seeded: false, existingRows };
      if (onExisting === 'refuse') {
        throw new CutxDbError(
          'target_not_empty',
          `${target} already holds ${existingRows.toLocaleString('en-US')} rows; pass --reset to replace them.`,
        );
      }
      await truncateAll(tx);
    }
    // The tables grow from empty inside this one transaction, so the planner's statistics
    // (none yet, or a previous run's) call them tiny, and the plans cached on first use (the
    // foreign-key checks', the triggers') scan whole tables for one key: quadratic in scale.
    // Every lookup the seed makes is by key, so the index is always the right plan.
    await tx.exec('SET LOCAL enable_seqscan = off');
    const f = createFactories(tx, { seed });
    const context = { f, client: tx, random: scenarioRandom(seed) };
    const report = async (done: number, label: string) => {
      if (options.onProgress === undefined) return;
      options.onProgress({ done, total: steps.length, label, rows: await rowsInserted(tx) });
    };
    for (const [i, step] of steps.entries()) {
      await report(i, step.label);
      await step.run(context);
    }
    await report(steps.length, 'done');
    return { seeded: true, existingRows };
  });
  if (result.seeded && options.analyze !== false) await client.exec('VACUUM ANALYZE');
  const rows = await countRows(client);
  return { ...result, rows, totalRows: totalRows(rows) };
}

/**
 * Rows inserted by the current transaction so far: the server's per-transaction counters,
 * read in one small query, where counting the tables would scan every row at each step.
 */
async function rowsInserted(tx: SqlClient): Promise<number> {
  const { rows } = await tx.query<{ rows: number }>(
    'SELECT coalesce(sum(n_tup_ins), 0)::int AS rows FROM pg_stat_xact_user_tables',
  );
  return rows[0]?.rows ?? 0;
}

async function truncateAll(tx: SqlClient): Promise<void> {
  await tx.exec(`
    SET LOCAL session_replication_role = replica;
    TRUNCATE ${tableNames.map((table) => `"${table}"`).join(', ')};
    SET LOCAL session_replication_role = DEFAULT;`);
}
