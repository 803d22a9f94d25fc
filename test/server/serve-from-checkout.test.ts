import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { withClients } from './pg-clients.js';

const checkout = fileURLToPath(new URL('../..', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cutx-checkout-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// `npm run cutx-db` runs cli/main.ts through tsx, never a build: the engine's worker thread
// must start from TypeScript too.
describe('npm run cutx-db -- serve, from the checkout', () => {
  it('starts the pglite engine and answers a client', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = ['run', '-s', 'cutx-db', '--', 'serve', '--engine', 'pglite', '--data-dir', join(root, 'data')];
    // Its own process group, so that npm, tsx and the server all end with it.
    const child = spawn(npm, [...args, '--port', '0'], {
      cwd: checkout,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^DATABASE_URL=(\S+)$/m.exec(output);
          if (match?.[1] !== undefined) resolve(match[1]);
        };
        child.stdout?.on('data', read);
        child.stderr?.on('data', read);
        void exited.then(() => reject(new Error(`serve ended before printing DATABASE_URL:\n${output}`)));
      });
      await withClients(url, 1, async ([client]) => {
        expect((await client?.query('SELECT 1 AS one'))?.rows).toEqual([{ one: 1 }]);
      });
    } finally {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    expect(output).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });
});
