import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresEngineInstalled } from '../../src/server/postgres/postgres-binaries.js';
import { treeSnapshot } from '../support/tree-snapshot.js';
import { titled, unprivileged, unprivilegedUnavailable } from '../support/unprivileged-user.js';
import { killAll, runCutxDb } from './cutx-db-process.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-data-dir-refusals-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

/** A folder of its own for one case, made by `arrange`, and the options to run in it. */
function sandbox(name: string, arrange: (dir: string) => void = () => {}): string {
  const dir = join(root, name);
  mkdirSync(dir);
  arrange(dir);
  return dir;
}

// Every command that opens a data directory, on each engine installed here.
const commands = [
  ['seed'],
  ['serve', '--port', '0'],
  ...((await postgresEngineInstalled()) ? [['serve', '--engine', 'postgres', '--port', '0']] : []),
];

const noOtherUser = unprivilegedUnavailable();

// Data directories of the embedded database: nothing of this reaches a real server.
describe('seed and serve refuse a data directory they were not clearly given', () => {
  it.each([
    {
      what: 'an empty --data-dir (PGlite would keep the rows in memory)',
      dataDir: () => '',
      message: "The data directory '' is empty text: pass a folder you can write, such as .cutx/pglite",
    },
    {
      what: 'a folder that holds files but no database',
      dataDir: (dir: string) => {
        writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
        return dir;
      },
      message: 'holds files but no database (no PG_VERSION): pass a new or empty folder for it.',
    },
    {
      what: 'a file',
      dataDir: (dir: string) => {
        writeFileSync(join(dir, 'file'), 'a file\n');
        return join(dir, 'file');
      },
      message: 'is a file, not a folder: pass a folder you can write, such as .cutx/pglite.',
    },
    {
      what: 'a path through a file (ENOTDIR)',
      dataDir: (dir: string) => {
        writeFileSync(join(dir, 'file'), 'a file\n');
        return join(dir, 'file', 'db');
      },
      message: 'a part of that path is a file, not a folder',
    },
    {
      what: 'a folder where its lock file goes (EISDIR)',
      dataDir: (dir: string) => {
        mkdirSync(join(dir, 'db.lock'));
        return join(dir, 'db');
      },
      message: 'a folder is where a file should be at ',
    },
  ])(
    '$what: exit 1, a message naming it, nothing written',
    async ({ what, dataDir, message }) => {
      for (const command of commands) {
        const dir = sandbox(`${command.join('-')}-${what.replace(/\W+/g, '-')}`);
        const target = dataDir(dir);
        const before = treeSnapshot(dir);
        const { code, stdout, stderr } = await runCutxDb([...command, '--data-dir', target], { cwd: dir });
        expect(code, stderr).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toContain(message);
        if (target !== '') expect(stderr).toContain(target);
        expect(stderr).not.toMatch(/\n\s+at /);
        expect(treeSnapshot(dir)).toEqual(before);
      }
    },
    60_000,
  );

  it.skipIf(noOtherUser !== undefined)(
    titled('refuses a folder this user may not write (EACCES), naming it, with nothing written', noOtherUser),
    async () => {
      const dir = sandbox('read-only', (made) => chmodSync(made, 0o555));
      const target = join(dir, 'db');
      const { code, stderr } = await runCutxDb(['seed', '--data-dir', target], { ...unprivileged, cwd: tmpdir() });
      expect(code, stderr).toBe(1);
      expect(stderr).toContain(`Cannot use ${target} as the data directory: permission denied`);
      expect(stderr).toContain('(EACCES); pass a folder you can write');
      expect(readdirSync(dir)).toEqual([]);
    },
    60_000,
  );

  // Node's recursive mkdir loops forever there, synchronously, so SIGTERM went unheard.
  it('refuses a folder under /proc at once instead of spinning', async () => {
    for (const command of commands) {
      const { code, stderr } = await runCutxDb([...command, '--data-dir', '/proc/cutx-no-such/db']);
      expect(code, stderr).toBe(1);
      expect(stderr).toContain('Cannot use /proc/cutx-no-such/db as the data directory');
      expect(stderr).toContain('(ENOENT)');
    }
  }, 60_000);
});
