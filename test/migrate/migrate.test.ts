import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPglite } from '../../src/db/create-pglite.js';
import { migrate } from '../../src/db/migrate.js';
import { invalidIndexes } from '../../src/db/migration-guards.js';
import type { CutxDb } from '../../src/db/open.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { type ScratchSchema, scratchSchema } from './scratch-schema.js';

describe('migrate on a scratch schema', () => {
  let db: CutxDb;
  let schema: ScratchSchema;

  beforeAll(async () => {
    db = await createPglite();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    // One database for the file, emptied before each test: a new PGlite takes seconds.
    await db.exec('DROP SCHEMA IF EXISTS cutx_migrate CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    schema = scratchSchema({
      '0001_first.sql': 'CREATE TABLE first (id int PRIMARY KEY);',
      '0002_second.sql': 'CREATE TABLE second (id int PRIMARY KEY);',
    });
  });
  afterEach(() => schema.cleanUp());

  async function recorded(): Promise<string[]> {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM cutx_migrate.migrations ORDER BY name');
    return rows.map((row) => row.name);
  }

  it('applies pending files in order and records each', async () => {
    expect(await migrate(db, schema.files())).toEqual({
      applied: ['0001_first.sql', '0002_second.sql'],
      alreadyApplied: [],
    });
    schema.write({ '0003_third.sql': 'CREATE TABLE third (id int);' });
    expect(await migrate(db, schema.files())).toEqual({
      applied: ['0003_third.sql'],
      alreadyApplied: ['0001_first.sql', '0002_second.sql'],
    });
  });

  it('runs each file in its own transaction: a failing file keeps the ones before it', async () => {
    schema.write({ '0003_broken.sql': 'CREATE TABLE third (id int); SELECT no_such_function();' });
    await expect(migrate(db, schema.files())).rejects.toMatchObject({
      code: 'migration_failed',
      message: expect.stringContaining('schema/0003_broken.sql failed to apply'),
    });
    expect(await recorded()).toEqual(['0001_first.sql', '0002_second.sql']);
    const { rows } = await db.query("SELECT to_regclass('third') AS third");
    expect(rows).toEqual([{ third: null }]);
  });

  it('reports the failure that stopped it, not a failing unlock after it', async () => {
    const connectionLost: SqlClient = {
      exec: (sql) => db.exec(sql),
      query: (sql, params) =>
        sql.includes('pg_advisory_unlock') ? Promise.reject(new Error('Connection terminated')) : db.query(sql, params),
    };
    schema.write({ '0003_broken.sql': 'SELECT no_such_function();' });
    try {
      await expect(migrate(connectionLost, schema.files())).rejects.toMatchObject({ code: 'migration_failed' });
    } finally {
      await db.query('SELECT pg_advisory_unlock_all()');
    }
  });

  it('writes nothing, not even its bookkeeping, when nothing is pending', async () => {
    expect(await migrate(db, [])).toEqual({ applied: [], alreadyApplied: [] });
    const { rows } = await db.query("SELECT to_regnamespace('cutx_migrate') AS schema");
    expect(rows).toEqual([{ schema: null }]);
  });

  it('refuses a .sql file whose name breaks the naming rule, naming it, and ignores other files', () => {
    schema.write({ 'README.md': 'notes', '0003_ok_name_2.sql': 'SELECT 1;' });
    expect(schema.files().map((file) => file.name)).toEqual([
      '0001_first.sql',
      '0002_second.sql',
      '0003_ok_name_2.sql',
    ]);
    schema.write({ '0011_Add-Index.sql': 'SELECT 1;' });
    expect(() => schema.files()).toThrow(
      expect.objectContaining({ code: 'schema_file_misnamed', message: expect.stringContaining('0011_Add-Index.sql') }),
    );
  });

  it('refuses an applied file that has changed, naming it', async () => {
    await migrate(db, schema.files());
    schema.write({ '0002_second.sql': 'CREATE TABLE second (id bigint PRIMARY KEY);' });
    await expect(migrate(db, schema.files())).rejects.toMatchObject({
      code: 'migration_changed',
      message: expect.stringContaining('schema/0002_second.sql'),
    });
  });

  it('refuses an applied file that is missing, naming it, before applying anything', async () => {
    await migrate(db, schema.files());
    schema.remove('0002_second.sql').write({ '0003_third.sql': 'CREATE TABLE third (id int);' });
    await expect(migrate(db, schema.files())).rejects.toMatchObject({
      code: 'migration_missing',
      message: expect.stringContaining('schema/0002_second.sql'),
    });
    expect(await recorded()).toEqual(['0001_first.sql', '0002_second.sql']);
  });

  it('refuses a renamed applied file (same checksum, other name), naming both names', async () => {
    await migrate(db, schema.files());
    schema.remove('0002_second.sql').write({ '0002_second_table.sql': 'CREATE TABLE second (id int PRIMARY KEY);' });
    await expect(migrate(db, schema.files())).rejects.toMatchObject({
      code: 'migration_renamed',
      message: expect.stringMatching(/schema\/0002_second_table\.sql .*0002_second\.sql/),
    });
  });

  it('refuses a new file that sorts before the last applied one, naming it', async () => {
    schema.remove('0002_second.sql').write({ '0003_third.sql': 'CREATE TABLE third (id int);' });
    await migrate(db, schema.files());
    schema.write({ '0002_late.sql': 'CREATE TABLE late (id int);', '0004_next.sql': 'CREATE TABLE next (id int);' });
    await expect(migrate(db, schema.files())).rejects.toMatchObject({
      code: 'migration_out_of_order',
      message: expect.stringContaining('schema/0002_late.sql sorts before 0003_third.sql'),
    });
    schema.remove('0002_late.sql');
    expect((await migrate(db, schema.files())).applied).toEqual(['0004_next.sql']);
  });

  describe('the no-transaction marker', () => {
    const concurrently = 'CREATE INDEX CONCURRENTLY first_id_idx ON first (id);\n';

    it('runs a file whose first line is the marker outside a transaction', async () => {
      schema.write({ '0003_index.sql': `-- cutx:no-transaction\n${concurrently}` });
      expect((await migrate(db, schema.files())).applied).toContain('0003_index.sql');
      expect(await recorded()).toContain('0003_index.sql');
      const { rows } = await db.query("SELECT to_regclass('first_id_idx')::text AS index");
      expect(rows).toEqual([{ index: 'first_id_idx' }]);
    });

    it('runs a file without it, or with it below the first line, in a transaction', async () => {
      for (const sql of [concurrently, `-- An index.\n-- cutx:no-transaction\n${concurrently}`]) {
        schema.write({ '0003_index.sql': sql });
        await expect(migrate(db, schema.files())).rejects.toMatchObject({
          code: 'migration_failed',
          sqlState: '25001',
        });
      }
    });
  });
  describe('trusts no file', () => {
    it('refuses transaction control before applying anything, and reads COMMIT in a string or comment as no statement', async () => {
      schema.write({ '0003_commit.sql': 'CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);\n' });
      await expect(migrate(db, schema.files())).rejects.toMatchObject({
        code: 'migration_failed',
        message: expect.stringContaining('schema/0003_commit.sql line 2 has transaction control (COMMIT)'),
      });
      const { rows } = await db.query("SELECT to_regclass('a') AS a, to_regnamespace('cutx_migrate') AS bookkeeping");
      expect(rows).toEqual([{ a: null, bookkeeping: null }]);
      schema.write({ '0003_commit.sql': "-- COMMIT;\nCREATE TABLE a (note text DEFAULT 'COMMIT; BEGIN;');\n" });
      expect((await migrate(db, schema.files())).applied).toContain('0003_commit.sql');
    });

    it('refuses a no-transaction file of two statements, and takes one with comments around it', async () => {
      const index = 'CREATE INDEX CONCURRENTLY first_id_idx ON first (id);';
      schema.write({ '0003_index.sql': `-- cutx:no-transaction\n${index}\nDROP TABLE second;\n` });
      await expect(migrate(db, schema.files())).rejects.toMatchObject({
        message: expect.stringContaining('holds 2 statements'),
      });
      expect(await db.query("SELECT to_regclass('first_id_idx') AS index")).toMatchObject({ rows: [{ index: null }] });
      schema.write({ '0003_index.sql': `-- cutx:no-transaction\n/* one; */\n${index} -- done;\n` });
      expect((await migrate(db, schema.files())).applied).toContain('0003_index.sql');
    });

    it('drops the INVALID index a failed concurrent build leaves, so the fixed file reruns', async () => {
      schema.write({ '0003_dupes.sql': 'CREATE TABLE t (a int); INSERT INTO t VALUES (1), (1);' });
      await migrate(db, schema.files());
      schema.write({
        '0004_unique.sql': '-- cutx:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\n',
      });
      await expect(migrate(db, schema.files())).rejects.toMatchObject({
        code: 'migration_failed',
        message: expect.stringContaining('The INVALID index it left (t_a) was dropped.'),
      });
      expect(await invalidIndexes(db)).toEqual([]);
      expect(await recorded()).not.toContain('0004_unique.sql');
      await db.exec('DELETE FROM t');
      expect((await migrate(db, schema.files())).applied).toEqual(['0004_unique.sql']);
    });

    it('refuses, naming it and the fix, an INVALID index found before the run', async () => {
      await migrate(db, schema.files());
      await db.exec(
        "CREATE INDEX second_id_idx ON second (id); UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'second_id_idx'::regclass",
      );
      // Nothing pending: nothing to refuse.
      expect((await migrate(db, schema.files())).applied).toEqual([]);
      schema.write({ '0003_third.sql': 'CREATE TABLE third (id int);' });
      await expect(migrate(db, schema.files())).rejects.toMatchObject({
        message: expect.stringContaining('second_id_idx is INVALID (a concurrent build that failed)'),
      });
      await expect(migrate(db, schema.files())).rejects.toMatchObject({
        message: expect.stringContaining('DROP INDEX CONCURRENTLY second_id_idx;'),
      });
    });

    it('says what it applies once it holds the lock, and leaves the session lock_timeout as it was', async () => {
      const said: string[][] = [];
      await db.exec("SET lock_timeout = '42s'");
      await migrate(db, schema.files(), { onApplying: (pending) => said.push(pending.map((file) => file.name)) });
      await migrate(db, schema.files(), { onApplying: (pending) => said.push(pending.map((file) => file.name)) });
      expect(said).toEqual([['0001_first.sql', '0002_second.sql']]);
      expect(await db.query("SELECT current_setting('lock_timeout') AS value")).toMatchObject({
        rows: [{ value: '42s' }],
      });
      await db.exec('RESET lock_timeout');
    });
  });
});
