import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open.js';
import { killAll, runCutxDb } from './cutx-db-process.js';

const launcher = fileURLToPath(new URL('../../bin/cutx-db.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cutx-interrupted-'));
// Each case runs a seed or an export twice in child processes: minutes on a busy machine.
const TWO_RUNS_TIMEOUT_MS = 600_000;
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

/** A moment in a command's run, seen from outside: a line it printed, or a file it made. */
type Moment = { line: RegExp } | { file: string };

/**
 * Runs `cutx-db <args>` with TMPDIR set to `scratchTmp`, and kills it with SIGKILL at
 * `moment` (no clean-up of its own can run). Resolves once it is dead, saying whether the
 * moment came before the command ended by itself.
 */
async function killAt(args: string[], moment: Moment, scratchTmp: string): Promise<boolean> {
  const child: ChildProcess = spawn(process.execPath, [launcher, ...args], {
    env: { ...process.env, TMPDIR: scratchTmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let output = '';
  const reached = new Promise<void>((resolve) => {
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if ('line' in moment && moment.line.test(output)) resolve();
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    if ('file' in moment) {
      // The file appears between two statements of the child: looked for every few
      // milliseconds until it does, or the child has ended.
      const look = () => (existsSync(moment.file) ? resolve() : child.exitCode === null && setTimeout(look, 5));
      look();
    }
  });
  const first = await Promise.race([reached.then(() => 'reached' as const), exited.then(() => 'exited' as const)]);
  child.kill('SIGKILL');
  await exited.catch(() => undefined);
  if (first === 'exited') throw new Error(`cutx-db ${args[0]} ended before the moment to kill it:\n${output}`);
  return true;
}

/** A folder of its own for one case, with a TMPDIR inside it. */
function caseFolder(name: string): { dir: string; tmp: string } {
  const dir = join(root, name);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return { dir, tmp };
}

// The CLI's own files and folders: the same on either engine, so run in the PGlite project only.
describe('cutx-db seed killed with SIGKILL, then run again', () => {
  const moments: [string, (dataDir: string) => Moment][] = [
    ['while the data directory is being initialised', (dataDir) => ({ file: `${dataDir}.initialising` })],
    ['at its first progress line', () => ({ line: /^\[0\//m })],
    ['half way through its steps', () => ({ line: /^\[3\//m })],
  ];

  it.each(moments)(
    '%s: the next seed finishes, and the database opens',
    async (name, moment) => {
      const { dir, tmp } = caseFolder(`seed-${name.replaceAll(' ', '-')}`);
      const dataDir = join(dir, 'data');
      await killAt(['seed', '--data-dir', dataDir], moment(dataDir), tmp);
      const again = await runCutxDb(['seed', '--data-dir', dataDir], { env: { ...process.env, TMPDIR: tmp } });
      expect(again.stderr.split('\n').filter((line) => line.startsWith('cutx-db'))).toEqual([]);
      expect(again.code).toBe(0);
      expect(existsSync(`${dataDir}.initialising`)).toBe(false);
      const db = await openDb({ dataDir });
      try {
        expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]?.n).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    },
    TWO_RUNS_TIMEOUT_MS,
  );
});

describe('cutx-db export killed with SIGKILL, then run again', () => {
  const moments: [string, Moment][] = [
    ['at its first progress line', { line: /^\[0\//m }],
    ['while it writes the tables', { line: /^\[\d+\/\d+\] write /m }],
  ];

  it.each(moments)(
    '%s: the next export removes the scratch folders it left',
    async (_name, moment) => {
      const { dir, tmp } = caseFolder(`export-${_name.replaceAll(' ', '-')}`);
      const out = join(dir, 'seed-out');
      await killAt(['export', '--out', out], moment, tmp);
      const left = [...readdirSync(dir), ...readdirSync(tmp)].filter((name) =>
        /^(\.seed-out\.new-|cutx-db-export-)/.test(name),
      );
      // The kill left scratch behind: the run below has something to clean.
      expect(left.length).toBeGreaterThan(0);
      const again = await runCutxDb(['export', '--out', out], { env: { ...process.env, TMPDIR: tmp } });
      expect(again.code).toBe(0);
      expect(readdirSync(tmp)).toEqual([]);
      expect(readdirSync(dir).sort()).toEqual(['seed-out', 'tmp']);
    },
    TWO_RUNS_TIMEOUT_MS,
  );
});
