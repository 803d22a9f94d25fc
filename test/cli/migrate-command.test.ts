import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSchemaFiles } from '../../src/db/schema-files.js';
import { createEmptyDatabase, type EmptyDatabase } from '../postgres/empty-database.js';
import { engine } from '../support/test-db.js';
import { runHere } from './run-here.js';

describe('cutx-db migrate and status: usage', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each(['migrate', 'status'])(
    '%s without --database-url or DATABASE_URL exits 2, saying what to pass',
    async (command) => {
      vi.stubEnv('DATABASE_URL', '');
      const { code, stderr } = await runHere([command]);
      expect(code).toBe(2);
      expect(stderr).toContain(`${command} needs --database-url (or DATABASE_URL set)`);
    },
  );

  it.each(['migrate', 'status'])('%s takes DATABASE_URL when --database-url is not given', async (command) => {
    vi.stubEnv('DATABASE_URL', 'postgres://app@env-host.example.com/cutx');
    const { code, stderr } = await runHere([command]);
    expect(code).toBe(1);
    expect(stderr).toContain('env-host.example.com: not a loopback address');
  });

  it.each(['migrate', 'status'])('%s prefers --database-url to DATABASE_URL', async (command) => {
    vi.stubEnv('DATABASE_URL', 'postgres://app@env-host.example.com/cutx');
    const { stderr } = await runHere([command, '--database-url', 'postgres://app@flag-host.example.com/cutx']);
    expect(stderr).toContain('flag-host.example.com: not a loopback address');
  });

  it.each(['migrate', 'status'])('%s refuses a remote host before connecting, and exits 1', async (command) => {
    const { code, stderr } = await runHere([command, '--database-url', 'postgres://app:secret@db.example.com/cutx']);
    expect(code).toBe(1);
    expect(stderr).toContain('db.example.com: not a loopback address; pass --allow-remote');
  });
});

describe.skipIf(engine !== 'postgres')('cutx-db migrate on a server', () => {
  const names = readSchemaFiles().map((file) => file.name);
  let database: EmptyDatabase;
  beforeEach(async () => {
    database = await createEmptyDatabase(process.env.CUTX_TEST_DATABASE_URL ?? '');
  });
  afterEach(() => database.drop());

  it('--dry-run lists the pending files and applies nothing; then migrate applies them once', async () => {
    const dry = await runHere(['migrate', '--database-url', database.url, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `0 files applied, ${names.length} pending.\nWould apply, in this order:\n  ${names[0]}\n`,
    );
    const again = await runHere(['migrate', '--database-url', database.url, '--dry-run']);
    expect(again.stdout).toContain(`0 files applied, ${names.length} pending.`);
    const run = await runHere(['migrate', '--database-url', database.url]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Applied ${names.length} files.`);
    const done = await runHere(['migrate', '--database-url', database.url]);
    // The command names the server without its password, if the URL has one.
    const label = new URL(database.url);
    if (label.password !== '') label.password = '***';
    expect(done.stdout).toBe(`${label.href}: ${names.length} files applied, 0 pending.\n`);
  });

  it('exits 1 naming the file when the history is refused', async () => {
    await runHere(['migrate', '--database-url', database.url]);
    await database.asAdmin(`INSERT INTO cutx_migrate.migrations (name, checksum) VALUES ('0000_gone.sql', 'x')`);
    const { code, stderr } = await runHere(['migrate', '--database-url', database.url]);
    expect(code).toBe(1);
    expect(stderr).toContain('schema/0000_gone.sql was applied to this database but is no longer in schema/');
  });
});
