/**
 * Per-test isolation and the first database of a worker: reset() against clone(), and a
 * cached template against a cold create plus migrations, each in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CutxDb } from '../src/db/open.js';
import { createTestDb } from '../src/testing/create-test-db.js';
import { createIsolatedDb } from '../src/testing/isolated-db.js';
import { INSERT_RELATED_ROWS, INSERT_USER } from './small-test.js';
import { median, medianMs } from './stats.js';

/** The first database of a new plain Node process, timed by that process. */
function firstDbInFreshProcess(mode: 'cold' | 'template'): number {
  const script = fileURLToPath(new URL('./first-db-process.js', import.meta.url));
  const out = execFileSync(process.execPath, [script, mode], { encoding: 'utf8' });
  return JSON.parse(out).ms;
}

let n = 0;
/** A typical small test: a user (with its balance and signup credit), a project, an item, an audit entry. */
async function smallTest(db: Pick<CutxDb, 'query'>): Promise<void> {
  n += 1;
  const { rows } = await db.query<{ id: string }>(INSERT_USER, [`bench${n}@cutx.io`]);
  const userId = rows[0]?.id;
  for (const sql of INSERT_RELATED_ROWS) await db.query(sql, [userId]);
}

/** Milliseconds per test: the isolation options, measured in one run so the ratios compare like with like. */
export interface IsolationFigures {
  /** reset() after a small test that committed its writes. */
  isolation_ms: number;
  /** The same test inside BEGIN, undone by ROLLBACK: the floor, but a test cannot COMMIT. */
  rollback_ms: number;
  clone_ms: number;
}

/** Median per-test cost of reset(), clone() and a rollback; `rounds` clones, 30 times as many resets. */
export async function measureIsolation(rounds: number): Promise<IsolationFigures> {
  // Warm the caches (compiled module, templates on disk) so every figure is steady state.
  await (await createIsolatedDb()).db.close();
  const source = await createTestDb();
  const clone_ms = await medianMs(rounds, async () => (await source.clone()).close());
  await source.close();

  const { db, reset } = await createIsolatedDb();
  const fastRounds = rounds * 30;
  const isolation_ms = await medianMs(fastRounds, reset, () => smallTest(db));
  const rollback_ms = await medianMs(
    fastRounds,
    () => db.exec('ROLLBACK'),
    async () => {
      await db.exec('BEGIN');
      await smallTest(db);
    },
  );
  await db.close();
  return { isolation_ms, rollback_ms, clone_ms };
}

/** Milliseconds to the first usable database in a fresh process. */
export interface FirstDbFigures {
  /** createTestDb: the cached migrated template, as a new test worker gets it. */
  worker_first_db_ms: number;
  /** A cold PGlite create (initdb) plus every migration, as before any template is cached. */
  cold_create_ms: number;
}

/** Median over `rounds` fresh processes of each way to get a first database, alternating. */
export function measureFirstDb(rounds: number): FirstDbFigures {
  const cold: number[] = [];
  const template: number[] = [];
  for (let round = 0; round < rounds; round++) {
    cold.push(firstDbInFreshProcess('cold'));
    template.push(firstDbInFreshProcess('template'));
  }
  return { cold_create_ms: median(cold), worker_first_db_ms: median(template) };
}
