import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, migrate } from '../../src/db/migrate.js';
import { fromPg } from '../../src/db/pg-client.js';
import { readSchemaFiles } from '../../src/db/schema-files.js';
import { createEmptyDatabase, type EmptyDatabase } from './empty-database.js';

// Concurrent connections and roles need a real server (PGlite is one connection, one role).
describe('migrate on a real server', () => {
  const files = readSchemaFiles();
  let database: EmptyDatabase;
  const clients: pg.Client[] = [];

  beforeEach(async () => {
    database = await createEmptyDatabase(process.env.CUTX_TEST_DATABASE_URL ?? '');
  });
  const reader = `cutx_reader_${process.pid}`;
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end()));
    await database.drop();
    await database.onServer(`DROP ROLE IF EXISTS ${reader}`);
  });

  async function connect(user?: string): Promise<pg.Client> {
    const url = new URL(database.url);
    if (user !== undefined) {
      url.username = user;
      // A server that asks TCP clients for a password (the npm PostgreSQL does) gets the role's.
      url.password = user;
    }
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    clients.push(client);
    return client;
  }

  it('lets eight concurrent migrators on a fresh database all succeed, applying each file once', async () => {
    const connections = await Promise.all(Array.from({ length: 8 }, () => connect()));
    const results = await Promise.all(connections.map((client) => migrate(fromPg(client), files)));
    const applied = results.flatMap((result) => result.applied).sort();
    expect(applied).toEqual(files.map((file) => file.name));
    for (const result of results) {
      expect([...result.alreadyApplied, ...result.applied].sort()).toEqual(files.map((file) => file.name));
    }
  });

  it('needs no CREATE privilege, and writes nothing, when nothing is pending', async () => {
    const admin = await connect();
    await migrate(fromPg(admin), files);
    await database.asAdmin(`
      CREATE ROLE ${reader} LOGIN PASSWORD '${reader}';
      REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      GRANT USAGE ON SCHEMA cutx_migrate TO ${reader};
      GRANT SELECT ON cutx_migrate.migrations TO ${reader};`);
    const client = fromPg(await connect(reader));
    expect(await migrate(client, files)).toEqual({ applied: [], alreadyApplied: files.map((file) => file.name) });
    // The boundary: with a file pending, the same role is refused by the database.
    const pending = { name: '9999_more.sql', sql: 'CREATE TABLE more (id int);', checksum: 'x', noTransaction: false };
    await expect(migrate(client, [...files, pending])).rejects.toMatchObject({ sqlState: '42501' });
  });
  it('waits for the migration lock at most lockWait, then names the backend that holds it and says nothing of applying', async () => {
    const holder = await connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]?.pid;
    let applying = false;
    await expect(
      migrate(fromPg(await connect()), files, { lockWait: '300ms', onApplying: () => (applying = true) }),
    ).rejects.toMatchObject({
      sqlState: '55P03',
      message: expect.stringContaining(`backend ${pid} (user `),
    });
    expect(applying).toBe(false);
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    expect((await migrate(fromPg(await connect()), files, { lockWait: '300ms' })).applied).toHaveLength(files.length);
  });

  it('gives a file queued behind a long transaction lock_timeout, instead of blocking every query behind it', async () => {
    const admin = await connect();
    await migrate(fromPg(admin), files);
    const reader = await connect();
    await reader.query('BEGIN; LOCK TABLE users IN ACCESS SHARE MODE');
    const more = {
      name: '9999_more.sql',
      sql: 'ALTER TABLE users ADD COLUMN more int;',
      checksum: 'x',
      noTransaction: false,
    };
    await expect(migrate(fromPg(admin), [...files, more], { lockTimeout: '200ms' })).rejects.toMatchObject({
      code: 'migration_failed',
      sqlState: '55P03',
    });
    await reader.query('ROLLBACK');
    expect((await migrate(fromPg(admin), [...files, more])).applied).toEqual(['9999_more.sql']);
  });
});
