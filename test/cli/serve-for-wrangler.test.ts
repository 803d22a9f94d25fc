import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresEngineInstalled } from '../../src/server/postgres/postgres-binaries.js';
import { killAll, runCutxDb } from './cutx-db-process.js';

const launcher = fileURLToPath(new URL('../../bin/cutx-db.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cutx-serve-wrangler-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

const engines = ['pglite', ...((await postgresEngineInstalled()) ? ['postgres'] : [])];

// About the CLI itself, so once: in the PGlite run.
describe('cutx-db serve for wrangler dev', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => taken.close());

  it.each(engines)('on %s, refuses a taken port naming --port, before any folder is made', async (name) => {
    const dataDir = join(root, `taken-${name}`);
    const result = await runCutxDb([
      'serve',
      '--engine',
      name,
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--seed-if-empty',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `cutx-db serve: Port ${port} on 127.0.0.1 is in use: pass another --port, or --port 0 for a free one.\n`,
    );
    expect(existsSync(dataDir)).toBe(false);
    expect(readdirSync(root).filter((entry) => entry.startsWith(`taken-${name}`))).toEqual([]);
  });

  it('prints the Hyperdrive variable line for the binding it is given, with the DATABASE_URL', async () => {
    const child = spawn(process.execPath, [
      launcher,
      'serve',
      '--port',
      '0',
      '--binding',
      'DB_MAIN',
      '--data-dir',
      join(root, 'served'),
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      await vi.waitFor(() => expect(stderr).toContain('localConnectionString'), { timeout: 90_000, interval: 50 });
      const url = /^DATABASE_URL=(\S+)$/m.exec(stdout)?.[1];
      expect(url).toMatch(/^postgresql:\/\//);
      expect(stdout).toBe(`DATABASE_URL=${url}\nCLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_DB_MAIN=${url}\n`);
      expect(stderr).toContain(`"localConnectionString": "${url}" in the DB_MAIN entry`);
    } finally {
      child.kill('SIGTERM');
      expect((await once(child, 'exit'))[0]).toBe(0);
    }
  });

  it('refuses a binding name wrangler would not accept', async () => {
    const result = await runCutxDb(['serve', '--port', '0', '--binding', 'MY-DB', '--data-dir', join(root, 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'MY-DB' is not a binding name");
    expect(existsSync(join(root, 'never'))).toBe(false);
  });
});
