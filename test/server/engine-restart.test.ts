import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { openDb } from '../../src/db/open.js';
import { EngineInterrupted, EngineThread } from '../../src/server/pglite/engine-thread.js';
import { queryMessage } from '../../src/server/pglite/protocol/backend-messages.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-restart-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// No statement here comes near it: only interrupts end a batch early.
const NO_TIMEOUT_MS = 600_000;
const ROUNDS = 3;
// Each round restarts the engine thread (PGlite loaded and the directory opened again): slow on a loaded machine.
const TEST_TIMEOUT_MS = 600_000;
// Big enough that the interrupt lands while it writes, on any machine.
const BULK_ROWS = 3_000_000;

/** Resolves once the engine thread runs a batch (it first waits for a restart under way). */
async function running(thread: EngineThread): Promise<void> {
  for (let waited = 0; !thread.busy; waited += 5) {
    if (waited > 120_000) throw new Error('the engine never took the batch');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('EngineThread: a restart under writes', () => {
  it(
    'never opens the data directory twice, and keeps every committed write',
    async () => {
      const dataDir = join(root, 'data');
      const thread = await EngineThread.start(dataDir);
      const committed: number[] = [];
      try {
        await thread.exec(queryMessage('CREATE TABLE writes (n bigint)'), NO_TIMEOUT_MS);
        for (let round = 1; round <= ROUNDS; round++) {
          await thread.exec(queryMessage(`INSERT INTO writes VALUES (${round})`), NO_TIMEOUT_MS);
          committed.push(round);
          // While the engine thread holds the directory, no other opener in this process gets it.
          expect(() => lockDataDir(dataDir, 'a second opener')).toThrowError(
            expect.objectContaining({ code: 'data_dir_locked' }),
          );
          const bulk = thread.exec(
            queryMessage(`INSERT INTO writes SELECT -g FROM generate_series(1, ${BULK_ROWS}) AS g`),
            NO_TIMEOUT_MS,
          );
          // Interrupted as soon as the engine thread has the batch: the next round's write
          // follows at once, while the old thread may still be ending.
          await running(thread);
          thread.interrupt('cancel');
          await expect(bulk).rejects.toBeInstanceOf(EngineInterrupted);
        }
      } finally {
        await thread.close();
      }
      const db = await openDb({ dataDir, migrate: false });
      try {
        const { rows } = await db.query<{ n: string }>('SELECT n::text FROM writes WHERE n > 0 ORDER BY n');
        expect(rows.map((row) => Number(row.n))).toEqual(committed);
        const { rows: bulk } = await db.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM writes WHERE n < 0',
        );
        expect(bulk).toEqual([{ count: 0 }]);
      } finally {
        await db.close();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
