import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { templateCacheDir } from '../../src/db/template/template-cache.js';
import { killAll, runCutxDb } from '../cli/cutx-db-process.js';
import { engine } from '../support/test-db.js';
import { treeSnapshot } from '../support/tree-snapshot.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-template-cache-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

describe('templateCacheDir', () => {
  it.each([
    [
      'CUTX_DB_CACHE_DIR, made absolute',
      { CUTX_DB_CACHE_DIR: 'ci-cache', XDG_CACHE_HOME: '/x' },
      join(process.cwd(), 'ci-cache'),
    ],
    ['$XDG_CACHE_HOME/cutx-db', { XDG_CACHE_HOME: '/var/cache/me' }, '/var/cache/me/cutx-db'],
    [
      '~/.cache/cutx-db for a relative XDG_CACHE_HOME',
      { XDG_CACHE_HOME: 'relative' },
      join(homedir(), '.cache', 'cutx-db'),
    ],
    ['~/.cache/cutx-db by default, not the working directory', {}, join(homedir(), '.cache', 'cutx-db')],
  ])('is %s', (_, env, expected) => {
    expect(templateCacheDir(env)).toBe(expected);
  });
});

// A cold template build in a child process: the embedded engine's run only.
describe.skipIf(engine === 'postgres')('the template cache of a command run from an unrelated folder', () => {
  it('writes nothing in the working directory, and falls back to a temp folder when the cache cannot be written', async () => {
    const work = join(root, 'work');
    const temp = join(root, 'tmp');
    mkdirSync(work);
    mkdirSync(temp);
    writeFileSync(join(work, 'notes.txt'), 'not a project\n');
    const before = treeSnapshot(work);
    const { code, stderr } = await runCutxDb(['seed', '--data-dir', join(root, 'db'), '--if-empty'], {
      cwd: work,
      // Under /proc the cache cannot be made (and Node's recursive mkdir would spin there).
      env: { ...process.env, CUTX_DB_CACHE_DIR: '', XDG_CACHE_HOME: '/proc/cutx-no-such-cache', TMPDIR: temp },
    });
    expect(code, stderr).toBe(0);
    expect(treeSnapshot(work)).toEqual(before);
    expect(existsSync(join(work, 'node_modules'))).toBe(false);
    const fallback = readdirSync(temp).find((entry) => entry.startsWith('cutx-db-cache-'));
    expect(fallback).toBeDefined();
    expect(readdirSync(join(temp, fallback as string))).toEqual([expect.stringMatching(/^migrated-.*\.tar$/)]);
  }, 240_000);
});
