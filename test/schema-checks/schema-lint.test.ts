import { afterEach, describe, expect, it } from 'vitest';
import { runSquawk } from '../../scripts/schema-checks/squawk.js';
import { checkTransactionRules } from '../../scripts/schema-checks/transaction-rules.js';
import { type ScratchSchema, scratchSchema } from '../migrate/scratch-schema.js';

const TIMEOUTS = "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '5min';\n";

let schema: ScratchSchema;
afterEach(() => schema.cleanUp());

describe('schema lint: our rules, watched on a database while each new file runs', () => {
  it('asks for both timeouts exactly where a file takes a write-blocking lock on an earlier table', async () => {
    schema = scratchSchema({
      '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);',
      '0002_alter.sql': 'ALTER TABLE users ADD COLUMN nickname text;',
      '0003_alter_with_timeouts.sql': `${TIMEOUTS}ALTER TABLE users ADD COLUMN plan text;`,
      '0004_lock_timeout_only.sql': "SET LOCAL lock_timeout = '5s';\nCREATE INDEX idx_users_email ON users (email);",
      '0005_new_table.sql': 'CREATE TABLE tags (id int PRIMARY KEY);\nALTER TABLE tags ADD COLUMN name text;',
      '0006_references.sql': 'CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users);',
      '0007_reads.sql': 'CREATE VIEW user_emails AS SELECT email FROM users;',
    });
    const checked = new Set(
      schema
        .files()
        .map((file) => file.name)
        .slice(1),
    );
    expect(await checkTransactionRules(schema.files(), checked)).toEqual([
      expect.stringMatching(
        /^schema\/0002_alter\.sql takes AccessExclusiveLock on users .* without lock_timeout and statement_timeout: begin it with SET LOCAL/,
      ),
      expect.stringMatching(
        /^schema\/0004_lock_timeout_only\.sql takes ShareLock on users .* without statement_timeout:/,
      ),
      // A foreign key locks the table it references against writes while it is added.
      expect.stringMatching(/^schema\/0006_references\.sql takes ShareRowExclusiveLock on users /),
    ]);
  });

  it('checks only the files it is given, applying the others as they are', async () => {
    schema = scratchSchema({
      '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY);',
      '0002_alter.sql': 'ALTER TABLE users ADD COLUMN nickname text;',
    });
    expect(await checkTransactionRules(schema.files(), new Set())).toEqual([]);
  });

  it('refuses a plain SET, which outlives the file, and accepts SET LOCAL', async () => {
    schema = scratchSchema({
      '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY);',
      '0002_session_set.sql':
        "SET lock_timeout = '5s';\nSET statement_timeout = '1min';\nALTER TABLE users ADD COLUMN a text;",
      '0003_local_set.sql': `${TIMEOUTS}ALTER TABLE users ADD COLUMN b text;`,
    });
    expect(
      await checkTransactionRules(schema.files(), new Set(['0002_session_set.sql', '0003_local_set.sql'])),
    ).toEqual([
      'schema/0002_session_set.sql leaves lock_timeout, statement_timeout set for the session: use SET LOCAL, which ends with the file.',
    ]);
  });

  it('lets a no-transaction file hold only a CONCURRENTLY statement', async () => {
    schema = scratchSchema({
      '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);',
      '0002_concurrently.sql': '-- cutx:no-transaction\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n',
      '0003_not_concurrently.sql':
        '-- cutx:no-transaction\n-- CONCURRENTLY, says the comment\nALTER TABLE users ADD COLUMN a text;\n',
    });
    const checked = new Set(['0002_concurrently.sql', '0003_not_concurrently.sql']);
    expect(await checkTransactionRules(schema.files(), checked)).toEqual([
      'schema/0003_not_concurrently.sql runs outside a transaction (-- cutx:no-transaction) but is not a CONCURRENTLY statement.',
    ]);
  });
});

describe('schema lint: squawk with this package’s .squawk.toml', () => {
  it('flags an index built without CONCURRENTLY on an earlier table, not on a table of the same file', () => {
    schema = scratchSchema({
      '0001_index_existing.sql': 'CREATE INDEX idx_users_email ON users (email);',
      '0002_new_table.sql':
        'CREATE TABLE tags (id int PRIMARY KEY, name text);\nCREATE INDEX idx_tags_name ON tags (name);',
    });
    const [first, second] = schema.files();
    const reports = runSquawk(
      schema.dir,
      [first, second].filter((file) => file !== undefined),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('0001_index_existing.sql:0:0: warning: require-concurrent-index-creation');
    expect(reports[0]).not.toContain('0002_new_table.sql');
  });

  it('applies the config: excluded rules stay quiet; a no-transaction CONCURRENTLY file passes', () => {
    schema = scratchSchema({
      // prefer-robust-stmts (CREATE TABLE without IF NOT EXISTS) and prefer-bigint-over-int are excluded.
      '0001_table.sql': 'CREATE TABLE tags (id uuid PRIMARY KEY, uses integer);',
      '0002_concurrently.sql': '-- cutx:no-transaction\nCREATE INDEX CONCURRENTLY idx_tags_uses ON tags (uses);\n',
    });
    expect(runSquawk(schema.dir, schema.files())).toEqual([]);
  });
});
