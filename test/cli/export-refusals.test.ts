import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { treeSnapshot } from '../support/tree-snapshot.js';
import { titled, unprivileged, unprivilegedUnavailable } from '../support/unprivileged-user.js';
import { killAll, runCutxDb } from './cutx-db-process.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-export-refusals-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

const manifest = `${JSON.stringify({ scenario: 'dev', seed: 1, scale: 1, schemaChecksum: 'x', totalRows: 0, tables: {} })}\n`;

// Each case is refused before the scenario is built: a second, not a full export.
describe('cutx-db export --out refuses a folder it was not clearly given', () => {
  it.each([
    { what: "'' (the working directory)", arrange: () => '', message: "The export folder '' is empty text" },
    {
      what: 'a folder of other files',
      arrange: (dir: string) => {
        mkdirSync(join(dir, 'out'));
        writeFileSync(join(dir, 'out', 'notes.txt'), 'my notes\n');
        return join(dir, 'out');
      },
      message: 'holds files that are not an export of @cutx/db',
    },
    {
      what: 'an export of ours with a file of someone else beside it',
      arrange: (dir: string) => {
        mkdirSync(join(dir, 'out', 'json'), { recursive: true });
        writeFileSync(join(dir, 'out', 'manifest.json'), manifest);
        writeFileSync(join(dir, 'out', 'notes.txt'), 'my notes\n');
        return join(dir, 'out');
      },
      message: 'holds files that are not an export of @cutx/db',
    },
    {
      what: 'a folder where the manifest should be (EISDIR)',
      arrange: (dir: string) => {
        mkdirSync(join(dir, 'out', 'manifest.json'), { recursive: true });
        return join(dir, 'out');
      },
      message: 'holds files that are not an export of @cutx/db',
    },
    {
      what: 'a file',
      arrange: (dir: string) => {
        writeFileSync(join(dir, 'out'), 'a file\n');
        return join(dir, 'out');
      },
      message: 'is a file, not a folder: pass a new or empty folder, such as seed-out.',
    },
    {
      what: 'a path through a file (ENOTDIR)',
      arrange: (dir: string) => {
        writeFileSync(join(dir, 'file'), 'a file\n');
        return join(dir, 'file', 'out');
      },
      message: 'a part of that path is a file, not a folder',
    },
  ])('$what: exit 1, naming it, nothing written', async ({ what, arrange, message }) => {
    const dir = join(root, what.replace(/\W+/g, '-'));
    mkdirSync(dir);
    const out = arrange(dir);
    const before = treeSnapshot(dir);
    const { code, stdout, stderr } = await runCutxDb(['export', '--out', out], { cwd: dir });
    expect(code, stderr).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    if (out !== '') expect(stderr).toContain(out);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(treeSnapshot(dir)).toEqual(before);
  });

  it('refuses a folder under /proc at once instead of spinning', async () => {
    const { code, stderr } = await runCutxDb(['export', '--out', '/proc/cutx-no-such/out']);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('Cannot use /proc/cutx-no-such/out as the export folder');
  });

  // Root writes anywhere, so a folder it may not write is shown as another user.
  const noOtherUser = unprivilegedUnavailable();

  it.skipIf(noOtherUser !== undefined).each([
    ['a new export folder', () => {}],
    [
      'a previous export',
      (out: string) => {
        mkdirSync(join(out, 'json'), { recursive: true });
        writeFileSync(join(out, 'manifest.json'), manifest);
        writeFileSync(join(out, 'seed.sql'), '-- the previous export\n');
      },
    ],
  ])(
    titled('%s in a folder this user may not write (EACCES): refused, nothing written or lost', noOtherUser),
    async (what, arrange) => {
      const dir = join(root, `read-only-${what.replace(/\W+/g, '-')}`);
      const out = join(dir, 'out');
      mkdirSync(dir);
      arrange(out);
      chmodSync(dir, 0o555);
      const before = treeSnapshot(dir);
      const { code, stderr } = await runCutxDb(['export', '--out', out], { cwd: tmpdir(), ...unprivileged });
      expect(code, stderr).toBe(1);
      expect(stderr).toContain(`Cannot use ${out} as the export folder: permission denied`);
      expect(treeSnapshot(dir)).toEqual(before);
    },
  );
});
