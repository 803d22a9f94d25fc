import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, runCutxDb } from './cutx-db-process.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-bad-paths-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

let cases = 0;
/** A folder of its own for one case. */
function sandbox(): string {
  const dir = join(root, String(cases++));
  mkdirSync(dir);
  return dir;
}

// Each command that takes a path, by the option that takes it.
const commands: [string[], string][] = [
  [['seed'], '--data-dir'],
  [['serve', '--port', '0'], '--data-dir'],
  [['export'], '--out'],
];

// Paths no command can use, each with the words its one line must hold.
const badPaths: [string, (dir: string) => string, RegExp][] = [
  [
    'a symbolic link to nothing',
    (dir) => {
      symlinkSync(join(dir, 'nowhere'), join(dir, 'link'));
      return join(dir, 'link');
    },
    /is a symbolic link to .*nowhere, which does not exist/,
  ],
  [
    'a symbolic link to a file',
    (dir) => {
      writeFileSync(join(dir, 'file'), 'x');
      symlinkSync(join(dir, 'file'), join(dir, 'link'));
      return join(dir, 'link');
    },
    /is a file, not a folder/,
  ],
  [
    'a path through a file',
    (dir) => {
      writeFileSync(join(dir, 'file'), 'x');
      return join(dir, 'file', 'inside');
    },
    /a part of that path is a file, not a folder/,
  ],
];

// The CLI's own files and folders: the same on either engine, so run in the PGlite project only.
describe.each(commands)('cutx-db %j with a bad path', (command, option) => {
  it.each(badPaths)(
    '%s: refused in one line naming it, no stack, no [object Object]',
    async (_what, arrange, words) => {
      const path = arrange(sandbox());
      const { code, stdout, stderr } = await runCutxDb([...command, option, path]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^cutx-db ${command[0]}: `));
      expect(lines[0]).toMatch(words);
      expect(stderr).not.toContain('[object Object]');
      expect(stderr).not.toMatch(/\n\s+at /);
    },
    // A child process each: slow on a busy machine.
    300_000,
  );
});

describe.each(commands)('cutx-db %j with a symbolic link to a folder', (command, option) => {
  it.runIf(command[0] !== 'serve')(
    'follows it, writing into the folder it names',
    async () => {
      const dir = sandbox();
      mkdirSync(join(dir, 'real'));
      symlinkSync(join(dir, 'real'), join(dir, 'link'));
      const { code, stderr } = await runCutxDb([...command, option, join(dir, 'link')]);
      expect(stderr.split('\n').filter((line) => line.startsWith('cutx-db'))).toEqual([]);
      expect(code).toBe(0);
    },
    600_000,
  );
});
