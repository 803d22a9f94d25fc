/**
 * Per-test isolation, measured in one run so the ratios compare like with like on a noisy
 * machine: `npx tsx bench/isolation.ts [rounds]`. Prints medians in milliseconds.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CutxDb } from '../src/db/open.js';
import { openDb } from '../src/db/open.js';
import { createIsolatedDb, createTestDb } from '../src/testing/index.js';

const rounds = Number(process.argv[2] ?? 7);
const fastRounds = rounds * 30;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs `setup` untimed and `measured` timed, `times` times; the median of the timed part. */
async function measure(
  times: number,
  measured: () => Promise<unknown>,
  setup?: () => Promise<unknown>,
): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    await setup?.();
    const start = performance.now();
    await measured();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** The first database of a new process, timed by that process (tsx's own start is excluded). */
function firstDbInFreshProcess(mode: 'cold' | 'template'): number {
  const script = fileURLToPath(new URL('./isolation-first-db.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, mode], { encoding: 'utf8' });
  return JSON.parse(out).ms;
}

let n = 0;
/** A typical small test: a user (with its balance and signup credit), a project, an item, an audit entry. */
async function smallTest(db: Pick<CutxDb, 'query'>): Promise<void> {
  n += 1;
  const { rows } = await db.query<{ id: string }>('INSERT INTO users (email) VALUES ($1) RETURNING id', [
    `bench${n}@cutx.io`,
  ]);
  const userId = rows[0]?.id;
  await db.query(`INSERT INTO projects (user_id, name) VALUES ($1, 'Spring drop')`, [userId]);
  await db.query(
    `INSERT INTO inventory_items (user_id, name, category, condition, cost_cents, value_cents)
     VALUES ($1, 'Charizard', 'trading_cards', 'new', 100, 250)`,
    [userId],
  );
  await db.query(`INSERT INTO admin_audit_log (actor_id, actor_email, action) VALUES ($1, 'a@cutx.io', 'user.ban')`, [
    userId,
  ]);
}

// Warm the caches (compiled module, templates on disk) so every figure below is steady state.
await (await createIsolatedDb()).db.close();

const results: Record<string, number> = {};
results['cold create + migrate (in process)'] = await measure(rounds, async () => (await openDb()).close());
results['cold create + migrate (fresh process)'] = median(
  Array.from({ length: rounds }, () => firstDbInFreshProcess('cold')),
);
results['first createTestDb (fresh process)'] = median(
  Array.from({ length: rounds }, () => firstDbInFreshProcess('template')),
);
results['createTestDb (in process)'] = await measure(rounds, async () => (await createTestDb()).close());

const source = await createTestDb();
results['clone()'] = await measure(rounds, async () => (await source.clone()).close());
await source.close();

const { db, reset } = await createIsolatedDb();
results['reset after a small committed test'] = await measure(fastRounds, reset, () => smallTest(db));
results['reset after nothing was written'] = await measure(fastRounds, reset);
results['transaction rollback of the same test'] = await measure(
  fastRounds,
  async () => {
    await db.exec('ROLLBACK');
  },
  async () => {
    await db.exec('BEGIN');
    await smallTest(db);
  },
);
await db.close();

for (const [label, ms] of Object.entries(results)) console.log(`${label.padEnd(42)} ${ms.toFixed(2).padStart(9)} ms`);
const ratio = (a: string, b: string) => ((results[a] ?? 0) / (results[b] ?? 1)).toFixed(1);
console.log(`
clone() / reset                                 ${ratio('clone()', 'reset after a small committed test')}x (target >= 90)
cold create+migrate / first createTestDb, both fresh process  ${ratio('cold create + migrate (fresh process)', 'first createTestDb (fresh process)')}x (target >= 5)
cold create+migrate in process / first createTestDb           ${ratio('cold create + migrate (in process)', 'first createTestDb (fresh process)')}x
reset / transaction rollback                    ${ratio('reset after a small committed test', 'transaction rollback of the same test')}x`);
