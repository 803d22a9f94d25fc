import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDb, type PgTestDb } from '../../src/testing/pg-test-db.js';
import { killAll, runCutxDb } from './cutx-db-process.js';
import { expectProgressLines } from './progress-lines.js';
import { runHere } from './run-here.js';

const serverUrl = process.env.CUTX_TEST_DATABASE_URL;

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cutx-seed-cli-'));
});
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

describe('cutx-db seed: usage', () => {
  it('prints its options on --help and exits 0', async () => {
    const { code, stdout } = await runHere(['seed', '--help']);
    expect(code).toBe(0);
    for (const option of ['--scenario', '--seed', '--scale', '--data-dir', '--database-url', '--reset', '--if-empty']) {
      expect(stdout).toContain(option);
    }
  });

  it.each([
    [['--data-dir', 'x', '--database-url', 'postgres://127.0.0.1/x'], 'not both'],
    [['--reset', '--if-empty'], 'pass one of them'],
    [['--scale', '0'], '--scale must be a whole number from 1'],
    [['--scenario', 'nope'], "Unknown scenario 'nope'"],
    [['--database-url', 'db.example.com:5432'], '--database-url must be a URL such as'],
  ])('exits 2 for %j, saying what to pass', async (args, message) => {
    const { code, stderr } = await runHere(['seed', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  // Every rule of what counts as loopback is in database-url.test.ts; these show seed applies it.
  it.each([
    'postgres://app:secret@db.example.com/cutx',
    'postgres://app:secret@127.0.0.1:1/cutx?host=db.example.com&port=5432',
  ])('refuses %s, whose host is not loopback, before connecting, and exits 1', async (url) => {
    const { code, stderr } = await runHere(['seed', '--database-url', url]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'cutx-db seed: Refusing to seed db.example.com: not a loopback address; pass --allow-remote if you mean it.\n',
    );
  });
});

describe('cutx-db seed into a data directory', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = join(root, 'pglite');
  });

  // The one run through the real launcher: a process of its own that must release the lock.
  it('seeds an empty directory, printing rows per table, how to connect, and plain progress lines', async () => {
    const { code, stdout, stderr } = await runCutxDb(['seed', '--data-dir', dataDir]);
    expect(code, stderr).toBe(0);
    expectProgressLines(stderr);
    expect(stdout).toMatch(/^ {2}admin_audit_log +[1-9]/m);
    expect(stdout).toContain(`serve --data-dir ${dataDir}`);
  }, 120_000);

  it('refuses a second seed without --reset, naming the rows it holds, and exits 1', async () => {
    const { code, stderr } = await runHere(['seed', '--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${dataDir} already holds [\\d,]+ rows; pass --reset to replace them`));
  }, 120_000);

  it('with --if-empty says it is not seeding and exits 0', async () => {
    const { code, stdout } = await runHere(['seed', '--data-dir', dataDir, '--if-empty']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/already holds [\d,]+ rows; not seeding/);
  }, 120_000);

  it('replaces the rows with --reset', async () => {
    const { code, stdout } = await runHere(['seed', '--data-dir', dataDir, '--reset', '--seed', '2']);
    expect(code).toBe(0);
    expect(stdout).toContain('seed 2');
  }, 120_000);
});

describe.skipIf(serverUrl === undefined)('cutx-db seed --database-url (skipped without CUTX_TEST_DATABASE_URL)', () => {
  let db: PgTestDb;
  beforeAll(async () => {
    db = await createPgTestDb(serverUrl as string);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('seeds the server, refuses a second seed, and replaces the rows with --reset', async () => {
    const first = await runHere(['seed', '--database-url', db.url]);
    expect(first.code, first.stderr).toBe(0);
    const users = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]?.n;
    const seeded = await users();
    expect(seeded).toBeGreaterThan(0);
    const second = await runHere(['seed', '--database-url', db.url]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('pass --reset to replace them');
    const reset = await runHere(['seed', '--database-url', db.url, '--reset']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(await users()).toBe(seeded);
  }, 180_000);
});
