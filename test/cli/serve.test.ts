import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadata } from '../../src/rows/generated/metadata.js';
import { killAll, runCutxDb, type ServeProcess, startServe, stopServe } from './cutx-db-process.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'cutx-serve-'));

afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

// serve puts the embedded database on the wire: there is nothing of it to run on a real server.
describe('cutx-db serve', () => {
  const dataDir = join(root, 'shared');
  let server: ServeProcess;
  let pool: pg.Pool;

  beforeAll(async () => {
    server = await startServe(dataDir);
    pool = new pg.Pool({ connectionString: server.databaseUrl, max: 10 });
  });

  afterAll(async () => {
    await pool?.end();
    if (server !== undefined) expect(await stopServe(server)).toBe(0);
  });

  it('prints a DATABASE_URL on loopback that psql can query', async () => {
    expect(server.databaseUrl).toMatch(
      /^postgresql:\/\/postgres:[0-9a-f]{24}@127\.0\.0\.1:\d+\/postgres\?sslmode=disable$/,
    );
    const { stdout } = await run('psql', [
      server.databaseUrl,
      '-Atc',
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
    ]);
    expect(stdout.trim()).toBe(String(Object.keys(metadata.tables).length));
  });

  it('answers 40 parallel queries from a pg.Pool of 10, each with its own statement and parameters', async () => {
    // Large parameters arrive in several TCP reads; the statements differ, so a Bind that
    // ran another connection's statement would return the other shape of result.
    const large = 'x'.repeat(300_000);
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const { rows } =
          index % 2 === 0
            ? await pool.query('SELECT $1::int AS n, length($2::text) AS size', [index, large])
            : await pool.query('SELECT $1::int * 1000 AS n, left($2::text, 20) AS tag', [index, `tag ${index}`]);
        return rows[0] as unknown;
      }),
    );
    expect(results).toEqual(
      Array.from({ length: 40 }, (_, index) =>
        index % 2 === 0 ? { n: index, size: large.length } : { n: index * 1000, tag: `tag ${index}` },
      ),
    );
  });

  describe('with a transaction open on one connection', () => {
    let writer: pg.PoolClient;
    let reader: pg.PoolClient;

    beforeAll(async () => {
      await pool.query('CREATE TABLE IF NOT EXISTS serve_visibility_probe (label text NOT NULL)');
      writer = await pool.connect();
      reader = await pool.connect();
    });

    afterAll(() => {
      writer?.release();
      reader?.release();
    });

    async function countOf(label: string): Promise<number> {
      const { rows } = await reader.query('SELECT count(*)::int AS n FROM serve_visibility_probe WHERE label = $1', [
        label,
      ]);
      return (rows[0] as { n: number }).n;
    }

    async function isPending(promise: Promise<unknown>, waitMs: number): Promise<boolean> {
      const marker = Symbol('pending');
      const timeout = new Promise((resolve) => setTimeout(() => resolve(marker), waitMs));
      return (await Promise.race([promise, timeout])) === marker;
    }

    it('shows the inserted row to another connection only after COMMIT', async () => {
      await writer.query('BEGIN');
      await writer.query('INSERT INTO serve_visibility_probe (label) VALUES ($1)', ['committed']);
      // The reader's statement waits for the writer's transaction instead of reading past it.
      const seen = countOf('committed');
      expect(await isPending(seen, 500)).toBe(true);
      await writer.query('COMMIT');
      expect(await seen).toBe(1);
    });

    it('never shows the row of a transaction that rolls back', async () => {
      await writer.query('BEGIN');
      await writer.query('INSERT INTO serve_visibility_probe (label) VALUES ($1)', ['rolled back']);
      const seen = countOf('rolled back');
      expect(await isPending(seen, 500)).toBe(true);
      await writer.query('ROLLBACK');
      expect(await seen).toBe(0);
    });
  });

  it('rolls back the open transaction of a client that disconnects, and lets the others go on', async () => {
    const leaving = new pg.Client({ connectionString: server.databaseUrl });
    await leaving.connect();
    await leaving.query('CREATE TABLE IF NOT EXISTS serve_abandon_probe (label text NOT NULL)');
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO serve_abandon_probe (label) VALUES ($1)', ['abandoned']);
    const seen = pool.query('SELECT count(*)::int AS n FROM serve_abandon_probe');
    await leaving.end();
    expect((await seen).rows).toEqual([{ n: 0 }]);
  });

  it('refuses a second serve on the same data directory, naming the process that has it', async () => {
    const second = await runCutxDb(['serve', '--data-dir', dataDir, '--port', '0']);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(
      new RegExp(`is open in cutx-db serve --data-dir \\S+ --port 0 \\(pid ${server.child.pid}\\)`),
    );
    expect(second.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('cutx-db serve, stopped and started again', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('keeps committed rows after %s and a restart', async (signal) => {
    const dataDir = join(root, `restart-${signal}`);
    const first = await startServe(dataDir);
    const client = new pg.Client({ connectionString: first.databaseUrl });
    await client.connect();
    await client.query('CREATE TABLE restart_probe (label text NOT NULL)');
    await client.query('INSERT INTO restart_probe (label) VALUES ($1)', ['kept']);
    await client.end();
    expect(await stopServe(first, signal)).toBe(0);
    expect(first.stderr()).toContain('Stopping');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const second = await startServe(dataDir);
    try {
      const { stdout } = await run('psql', [second.databaseUrl, '-Atc', 'SELECT label FROM restart_probe']);
      expect(stdout.trim()).toBe('kept');
    } finally {
      expect(await stopServe(second)).toBe(0);
    }
  });
});
