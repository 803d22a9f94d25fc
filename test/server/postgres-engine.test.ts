import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadata } from '../../src/rows/generated/metadata.js';
import type { DbServer } from '../../src/server/db-server-options.js';
import { startDbServer } from '../../src/server/start-db-server.js';
import { killAll, startServe, stopServe } from '../cli/cutx-db-process.js';
import { engine } from '../support/test-db.js';
import { titled } from '../support/unprivileged-user.js';
import { postgresUnavailable } from './postgres-runnable.js';

// About the engine itself, so once: in the PGlite run, where a server run would repeat it.
const root = engine === 'postgres' ? '' : mkdtempSync(join(tmpdir(), 'cutx-pg-engine-'));
// As root, PostgreSQL runs as user postgres, which must be able to enter the folder.
if (root !== '') chmodSync(root, 0o755);
const unavailable = root === '' ? undefined : await postgresUnavailable(root);
const skip = root === '' || unavailable !== undefined;
// vitest runs no hook of a file whose tests are all skipped, so the afterAll below would not.
if (unavailable !== undefined) rmSync(root, { recursive: true, force: true });
afterAll(() => {
  killAll();
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Fails the test instead of hanging when `promise` waits on a lock. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} waited over ${ms} ms`)), ms)),
  ]);
}

describe.skipIf(skip)(titled('startDbServer({ engine: "postgres" })', unavailable), () => {
  const dataDir = join(root, 'cluster');
  let server: DbServer;

  beforeAll(async () => {
    server = await startDbServer({ engine: 'postgres', dataDir });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('is PostgreSQL 15 with the schema applied and pg_trgm working', async () => {
    const client = await connect(server.url);
    try {
      const { rows } = await client.query(
        "SELECT current_setting('server_version_num')::int / 10000 AS major, " +
          "(SELECT count(*)::int FROM information_schema.tables WHERE table_schema = 'public') AS tables, " +
          "similarity('trigram', 'trigrams') > 0.5 AS trgm",
      );
      expect(rows).toEqual([{ major: 15, tables: Object.keys(metadata.tables).length, trgm: true }]);
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } finally {
      await client.end();
    }
  });

  it("shows a transaction's row to another client only after COMMIT, and the reader does not wait", async () => {
    const writer = await connect(server.url);
    const reader = await connect(server.url);
    try {
      await writer.query('CREATE TABLE isolation_probe (label text NOT NULL)');
      await writer.query('BEGIN');
      await writer.query("INSERT INTO isolation_probe VALUES ('pending')");
      const before = await within(reader.query('SELECT count(*)::int AS n FROM isolation_probe'), 30_000, 'the reader');
      expect(before.rows).toEqual([{ n: 0 }]);
      await writer.query('COMMIT');
      const after = await reader.query('SELECT count(*)::int AS n FROM isolation_probe');
      expect(after.rows).toEqual([{ n: 1 }]);
    } finally {
      await writer.end();
      await reader.end();
    }
  });

  it('refuses a wrong password (28P01) and a second server on the same folder', async () => {
    const wrong = new URL(server.url);
    wrong.password = 'not-the-password';
    await expect(connect(wrong.href)).rejects.toMatchObject({ code: '28P01' });
    await expect(startDbServer({ engine: 'postgres', dataDir })).rejects.toMatchObject({ code: 'data_dir_locked' });
  });

  it('keeps committed rows across stop and start, with a new password', async () => {
    const client = await connect(server.url);
    await client.query("CREATE TABLE restart_probe AS SELECT 'kept' AS label");
    await client.end();
    const firstUrl = server.url;
    await server.stop();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    server = await startDbServer({ engine: 'postgres', dataDir });
    expect(server.url).not.toBe(firstUrl);
    const again = await connect(server.url);
    try {
      expect((await again.query('SELECT label FROM restart_probe')).rows).toEqual([{ label: 'kept' }]);
    } finally {
      await again.end();
    }
  });

  it('refuses a folder that holds another engine, and a non-loopback host not clearly asked for', async () => {
    const pgliteDir = join(root, 'pglite-dir');
    const { openDb } = await import('../../src/db/open.js');
    await (await openDb({ dataDir: pgliteDir })).close();
    await expect(startDbServer({ engine: 'postgres', dataDir: pgliteDir })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('PostgreSQL 18'),
    });
    await expect(startDbServer({ engine: 'postgres', host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'unsafe_target',
    });
    await expect(startDbServer({ engine: 'postgres', host: '0.0.0.0', allowRemote: true })).rejects.toMatchObject({
      code: 'unsafe_target',
    });
  });
});

describe.skipIf(skip)(titled('cutx-db serve --engine postgres', unavailable), () => {
  function postmasterPid(dataDir: string): number {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  function running(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  async function gone(pid: number, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!running(pid)) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  it('stops PostgreSQL on SIGTERM and exits 0, unlocking the folder', async () => {
    const dataDir = join(root, 'sigterm');
    const serve = await startServe(dataDir, ['--engine', 'postgres']);
    const postmaster = postmasterPid(dataDir);
    expect(running(postmaster)).toBe(true);
    expect(await stopServe(serve)).toBe(0);
    expect(running(postmaster)).toBe(false);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('leaves no PostgreSQL process when it is killed with SIGKILL', async () => {
    const dataDir = join(root, 'sigkill');
    const serve = await startServe(dataDir, ['--engine', 'postgres']);
    const postmaster = postmasterPid(dataDir);
    expect(running(postmaster)).toBe(true);
    serve.child.kill('SIGKILL');
    await serve.exited;
    expect(await gone(postmaster, 60_000)).toBe(true);
  });
});
