/**
 * Rows per second into inventory_items (with its trigram index), for the same rows three
 * ways. Every sample gets a fresh database (createTestDb) holding one user, so no
 * measurement warms or bloats another's table.
 *
 * - bulk: factories' createList(count), timed whole: building the rows with faker,
 *   validating them, writing them, and reading them back validated.
 * - copy (the ceiling): the same rows in COPY's text format, as PostgreSQL itself writes them
 *   (COPY TO from a database that createList filled, untimed), loaded by one COPY into the
 *   same table with the same indexes; only the COPY is timed.
 * - single INSERT: the same prebuilt rows, one parameterised INSERT per row, timed.
 */
import { createFactories, type FactorySet } from '../factories/index.js';
import type { CutxDb } from '../src/db/open.js';
import { createTestDb } from '../src/testing/create-test-db.js';
import { median, pairedRatios, perSecond, quantile, rounds } from './stats.js';

interface Fresh {
  db: CutxDb;
  f: FactorySet;
  user: { id: string };
}

async function fresh(): Promise<Fresh> {
  const db = await createTestDb();
  const f = createFactories(db, { seed: 1 });
  return { db, f, user: await f.users.create() };
}

/** Fresh databases with the rows createList would build (same seed, so the same rows). */
async function prebuilt(count: number) {
  const { db, f, user } = await fresh();
  const rows = f.inventoryItems.buildList(count, { user });
  return { db, rows, columns: Object.keys(rows[0] ?? {}) };
}

const close = ({ db }: { db: CutxDb }) => db.close();

/**
 * The rows createList makes, as COPY text that PostgreSQL wrote. Built once per measurement:
 * the seed makes them the same rows every round.
 */
async function copyBlob(count: number): Promise<Blob> {
  const source = await fresh();
  await source.f.inventoryItems.createList(count, { user: source.user });
  const { blob } = await source.db.query("COPY inventory_items TO '/dev/blob'");
  await source.db.close();
  if (blob === undefined) throw new Error('COPY TO returned no blob');
  return blob;
}

export interface BulkFigures {
  bulk_rows_per_s: number;
  copy_rows_per_s: number;
  single_insert_rows_per_s: number;
  /** The median over rounds of createList's rows/s over the raw COPY's (see `pairedRatios`). */
  bulk_copy_ratio: number;
  /** The quartiles of those per-round ratios: how far one run's median can move. */
  bulk_copy_ratio_q1: number;
  bulk_copy_ratio_q3: number;
  bulk_single_ratio: number;
}

/** Medians over `times` fresh databases each, rounds interleaved; the single-INSERT loop writes `loopCount` rows. */
export async function measureBulkInsert(count: number, loopCount: number, times: number): Promise<BulkFigures> {
  const blob = await copyBlob(count);
  const ms = await rounds(times, {
    bulk: {
      setup: fresh,
      measured: ({ f, user }) => f.inventoryItems.createList(count, { user }),
      teardown: close,
      collected: true,
    },
    copy: {
      setup: async () => ({ ...(await fresh()), blob }),
      measured: ({ db }) => db.query("COPY inventory_items FROM '/dev/blob'", [], { blob }),
      teardown: close,
      collected: true,
    },
    single: {
      setup: () => prebuilt(loopCount),
      measured: async ({ db, rows, columns }) => {
        const sql = `INSERT INTO inventory_items (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
        for (const row of rows)
          await db.query(
            sql,
            columns.map((column) => (row as Record<string, unknown>)[column]),
          );
      },
      teardown: close,
      collected: true,
    },
  });
  const singlePerBulkRow = ms.single.map((single) => (single / loopCount) * count);
  const bulkPerCopy = pairedRatios(ms.copy, ms.bulk);
  return {
    bulk_rows_per_s: perSecond(count, median(ms.bulk)),
    copy_rows_per_s: perSecond(count, median(ms.copy)),
    single_insert_rows_per_s: perSecond(loopCount, median(ms.single)),
    bulk_copy_ratio: median(bulkPerCopy),
    bulk_copy_ratio_q1: quantile(bulkPerCopy, 0.25),
    bulk_copy_ratio_q3: quantile(bulkPerCopy, 0.75),
    bulk_single_ratio: median(pairedRatios(singlePerBulkRow, ms.bulk)),
  };
}
