import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite } from '../../src/db/create-pglite.js';
import { openDb } from '../../src/db/open.js';
import { killAll, runCutxDb, startServe, stopServe } from '../cli/cutx-db-process.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-open-lock-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

const lockedBy = (pid: number | undefined) =>
  expect.objectContaining({ code: 'data_dir_locked', message: expect.stringMatching(`\\(pid ${pid}\\)`) });

// The embedded database's data directories: the PGlite project only (vitest.config.ts).
describe('openDb({ dataDir }) holds the directory until close', () => {
  it('refuses a second openDb or createPglite in this process, and opens again after close', async () => {
    const dataDir = join(root, 'one-process');
    const first = await openDb({ dataDir });
    try {
      await first.exec('CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)');
      await expect(openDb({ dataDir })).rejects.toThrowError(lockedBy(process.pid));
      await expect(createPglite({ dataDir })).rejects.toThrowError(lockedBy(process.pid));
      await expect(openDb({ dataDir: `file://${dataDir}` })).rejects.toThrowError(lockedBy(process.pid));
    } finally {
      await first.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openDb({ dataDir });
    try {
      expect((await again.query('SELECT n FROM kept')).rows).toEqual([{ n: 1 }]);
    } finally {
      await again.close();
    }
  });

  it('takes over the lock of a process that has ended', async () => {
    const dataDir = join(root, 'stale');
    const { pid: dead } = spawnSync(process.execPath, ['-e', '']);
    writeFileSync(`${dataDir}.lock`, `${JSON.stringify({ pid: dead, holder: 'a crashed server' })}\n`);
    const db = await openDb({ dataDir });
    try {
      expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.pid);
    } finally {
      await db.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('releases the lock when opening fails after the claim', async () => {
    const dataDir = join(root, 'failed-open');
    const failing = () => Promise.reject(new Error('no template'));
    await expect(createPglite({ dataDir }, failing)).rejects.toThrowError('no template');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('refuses a cutx-db serve or seed in another process while this process has it open', async () => {
    const dataDir = join(root, 'library-first');
    const db = await openDb({ dataDir });
    try {
      for (const command of ['serve', 'seed']) {
        const other = await runCutxDb([
          command,
          '--data-dir',
          dataDir,
          ...(command === 'serve' ? ['--port', '0'] : []),
        ]);
        expect(other.code).toBe(1);
        expect(other.stderr).toContain(`is open in `);
        expect(other.stderr).toContain(`(pid ${process.pid})`);
        expect(other.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      await db.close();
    }
  }, 120_000);

  // The data loss that was reported: serve and openDb on one directory, both writing.
  it('refuses openDb while cutx-db serve holds the directory, and loses none of the rows served', async () => {
    const dataDir = join(root, 'served');
    const server = await startServe(dataDir);
    const client = new pg.Client({ connectionString: server.databaseUrl });
    try {
      await client.connect();
      await client.query('CREATE TABLE served_rows (n int PRIMARY KEY)');
      for (let n = 1; n <= 200; n++) {
        await client.query('INSERT INTO served_rows VALUES ($1)', [n]);
        if (n % 50 === 0) await expect(openDb({ dataDir })).rejects.toThrowError(lockedBy(server.child.pid));
      }
    } finally {
      await client.end();
      expect(await stopServe(server)).toBe(0);
    }
    const reopened = await openDb({ dataDir });
    try {
      const { rows } = await reopened.query<{ n: number; total: number }>(
        'SELECT count(*)::int AS n, sum(n)::int AS total FROM served_rows',
      );
      expect(rows).toEqual([{ n: 200, total: (200 * 201) / 2 }]);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
