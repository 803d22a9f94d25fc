import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { CutxDbError } from '../../src/db/errors.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function lockedBy(dataDir: string, pid: number): void {
  writeFileSync(`${dataDir}.lock`, `${JSON.stringify({ pid, holder: 'cutx-db serve' })}\n`);
}

function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined) throw new Error('could not start a process');
  return pid;
}

describe('lockDataDir', () => {
  it('writes <dataDir>.lock with this pid, and release removes it', () => {
    const dataDir = join(root, 'plain', 'db');
    const lock = lockDataDir(dataDir, 'a test');
    expect(lock.path).toBe(`${dataDir}.lock`);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, holder: 'a test' });
    lock.release();
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a directory this process already holds, with code data_dir_locked', () => {
    const dataDir = join(root, 'twice');
    const lock = lockDataDir(dataDir, 'the first open');
    try {
      expect(() => lockDataDir(dataDir, 'the second open')).toThrowError(
        expect.objectContaining({ code: 'data_dir_locked', message: expect.stringContaining('the first open') }),
      );
    } finally {
      lock.release();
    }
  });

  it('refuses a directory that a running process holds, naming its pid', () => {
    const dataDir = join(root, 'live');
    lockedBy(dataDir, process.ppid);
    expect(() => lockDataDir(dataDir, 'a test')).toThrowError(CutxDbError);
    expect(() => lockDataDir(dataDir, 'a test')).toThrowError(`pid ${process.ppid}`);
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.ppid);
  });

  it.each([
    ['a process that has ended', 'ended', () => `${JSON.stringify({ pid: deadPid(), holder: 'cutx-db serve' })}\n`],
    ['unreadable content', 'unreadable', () => 'not json'],
    [
      'an earlier process with this pid',
      'earlier',
      () => `${JSON.stringify({ pid: process.pid, holder: 'cutx-db serve', started: Date.now() - 86_400_000 })}\n`,
    ],
  ])('takes over a stale lock left by %s', (_, name, content) => {
    const dataDir = join(root, name);
    writeFileSync(`${dataDir}.lock`, content());
    const lock = lockDataDir(dataDir, 'a test');
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('leaves a lock file alone on release once another process owns it', () => {
    const dataDir = join(root, 'replaced');
    const lock = lockDataDir(dataDir, 'a test');
    lockedBy(dataDir, process.ppid);
    lock.release();
    expect(existsSync(lock.path)).toBe(true);
  });
});
