import { afterEach, describe, expect, it } from 'vitest';
import { lintNewSchemaFiles } from '../../scripts/schema-checks/schema-lint.js';
import { runSquawk } from '../../scripts/schema-checks/squawk.js';
import { checkTransactionRules } from '../../scripts/schema-checks/transaction-rules.js';
import { type ScratchSchema, scratchSchema } from '../migrate/scratch-schema.js';

// Each case builds embedded databases and migrates them; on a machine shared by many, that is slow.
const GATE_TIME = { timeout: 300_000 };

const TIMEOUTS = "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '5min';\n";

let schema: ScratchSchema;
afterEach(() => schema.cleanUp());

/** The rules' findings on every file of the scratch schema after the first. */
async function rules(files: Record<string, string>, ceiling?: string): Promise<string[]> {
  schema = scratchSchema(files);
  const names = schema.files().map((file) => file.name);
  return (await checkTransactionRules(schema.files(), new Set(names.slice(1)), ceiling)).problems;
}

describe('schema lint: our rules, watched on a database while each new file runs', GATE_TIME, () => {
  it('asks for both timeouts exactly where a file takes a write-blocking lock on an earlier table', async () => {
    expect(
      await rules({
        '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);',
        '0002_alter.sql': 'ALTER TABLE users ADD COLUMN nickname text;',
        '0003_alter_with_timeouts.sql': `${TIMEOUTS}ALTER TABLE users ADD COLUMN plan text;`,
        '0004_lock_timeout_only.sql': "SET LOCAL lock_timeout = '5s';\nCREATE INDEX idx_users_email ON users (email);",
        '0005_new_table.sql': 'CREATE TABLE tags (id int PRIMARY KEY);\nALTER TABLE tags ADD COLUMN name text;',
        '0006_references.sql': 'CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users);',
        '0007_reads.sql': 'CREATE VIEW user_emails AS SELECT email FROM users;',
      }),
    ).toEqual([
      expect.stringMatching(
        /^schema\/0002_alter\.sql line 1 takes AccessExclusiveLock on users .* without lock_timeout and statement_timeout set before it/,
      ),
      expect.stringMatching(
        /^schema\/0004_lock_timeout_only\.sql line 2 takes ShareLock on users .* without statement_timeout/,
      ),
      // A foreign key locks the table it references against writes while it is added.
      expect.stringMatching(/^schema\/0006_references\.sql line 1 takes ShareRowExclusiveLock on users /),
    ]);
  });

  it('wants the timeouts before the first locking statement, not after it', async () => {
    expect(
      await rules({
        '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY);',
        '0002_late.sql': `ALTER TABLE users ADD COLUMN a text;\n${TIMEOUTS}ALTER TABLE users ADD COLUMN b text;`,
      }),
    ).toEqual([expect.stringContaining('schema/0002_late.sql line 1 takes AccessExclusiveLock on users')]);
  });

  it('holds lock_timeout to the ceiling: 10s passes, 11s and 1h do not', async () => {
    const alter = (value: string, column: string) =>
      `SET LOCAL lock_timeout = '${value}';\nSET LOCAL statement_timeout = '24h';\nALTER TABLE users ADD COLUMN ${column} text;`;
    expect(
      await rules({
        '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY);',
        '0002_ten.sql': alter('10s', 'a'),
        '0003_eleven.sql': alter('11s', 'b'),
        '0004_hour.sql': alter('1h', 'c'),
      }),
    ).toEqual([
      expect.stringMatching(/^schema\/0003_eleven\.sql line 3 .* lock_timeout 11000 ms, above the ceiling of 10s/),
      expect.stringMatching(/^schema\/0004_hour\.sql line 3 .* lock_timeout 3600000 ms/),
    ]);
  });

  it('flags a backfill under the lock and an unbatched update of an earlier table, not of its own new table', async () => {
    expect(
      await rules({
        '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY, plan text);',
        '0002_backfill.sql': `${TIMEOUTS}ALTER TABLE users ADD COLUMN tier text;\nUPDATE users SET tier = 'free';`,
        '0003_update.sql': "UPDATE users SET plan = 'free' WHERE plan IS NULL;",
        '0004_own.sql': "CREATE TABLE tags (id int, name text);\nUPDATE tags SET name = 'x';",
      }),
    ).toEqual([
      expect.stringMatching(/^schema\/0002_backfill\.sql line 4 backfills users under AccessExclusiveLock on users/),
      expect.stringMatching(/^schema\/0003_update\.sql line 1 updates every matching row of users/),
    ]);
  });

  it('refuses a plain SET, which outlives the file, and accepts SET LOCAL', async () => {
    expect(
      await rules({
        '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY);',
        '0002_session_set.sql':
          "SET lock_timeout = '5s';\nSET statement_timeout = '1min';\nALTER TABLE users ADD COLUMN a text;",
        '0003_local_set.sql': `${TIMEOUTS}ALTER TABLE users ADD COLUMN b text;`,
      }),
    ).toEqual([
      'schema/0002_session_set.sql leaves lock_timeout, statement_timeout set for the session: use SET LOCAL, which ends with the file.',
    ]);
  });

  it('lets a no-transaction file hold one CONCURRENTLY statement, read by the parser, not in a comment', async () => {
    expect(
      await rules({
        '0001_base.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);',
        '0002_concurrently.sql':
          '-- cutx:no-transaction\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n',
        '0003_comment.sql': '-- cutx:no-transaction\n/* CONCURRENTLY */ ALTER TABLE users ADD COLUMN a text;\n',
        '0004_line_comment.sql':
          '-- cutx:no-transaction\n-- CONCURRENTLY, says the comment\nALTER TABLE users ADD COLUMN b text;\n',
      }),
    ).toEqual([
      'schema/0003_comment.sql runs outside a transaction (-- cutx:no-transaction) but is not one CONCURRENTLY statement.',
      'schema/0004_line_comment.sql runs outside a transaction (-- cutx:no-transaction) but is not one CONCURRENTLY statement.',
    ]);
  });
});

describe('schema lint: squawk with this package’s .squawk.toml', () => {
  it('flags an index built without CONCURRENTLY on an earlier table, with squawk’s help and docs link', async () => {
    schema = scratchSchema({
      '0001_index_existing.sql': 'CREATE INDEX idx_users_email ON users (email);',
      '0002_new_table.sql':
        'CREATE TABLE tags (id int PRIMARY KEY, name text);\nCREATE INDEX idx_tags_name ON tags (name);',
    });
    const reports = await runSquawk(schema.dir, schema.files());
    expect(reports).toEqual([
      expect.stringMatching(
        /^schema\/0001_index_existing\.sql:1:1: warning: require-concurrent-index-creation: .+ Help: .+concurrently.+ \(https:\/\/squawkhq\.com\/docs\/require-concurrent-index-creation\)$/,
      ),
    ]);
  });

  it('applies the config: excluded rules stay quiet; a no-transaction CONCURRENTLY file passes', async () => {
    schema = scratchSchema({
      // prefer-robust-stmts (CREATE TABLE without IF NOT EXISTS) and prefer-bigint-over-int are excluded.
      '0001_table.sql': 'CREATE TABLE tags (id uuid PRIMARY KEY, uses integer);',
      '0002_concurrently.sql': '-- cutx:no-transaction\nCREATE INDEX CONCURRENTLY idx_tags_uses ON tags (uses);\n',
    });
    expect(await runSquawk(schema.dir, schema.files())).toEqual([]);
  });

  it("takes the gate's marker for its own rule, only for the object the marker names", async () => {
    const drop = 'ALTER TABLE users DROP COLUMN legacy_x;\n';
    schema = scratchSchema({
      '0001_marked.sql': `-- cutx:contract drop column users.legacy_x\n${drop}`,
      '0002_other.sql': `-- cutx:contract drop column users.other\n${drop}`,
      '0003_unmarked.sql': drop,
    });
    const reports = await runSquawk(schema.dir, schema.files());
    expect(reports).toEqual([
      expect.stringMatching(/^schema\/0002_other\.sql:2:.*ban-drop-column/),
      expect.stringMatching(/^schema\/0003_unmarked\.sql:1:.*ban-drop-column/),
    ]);
  });
});

describe('schema lint: squawk told what earlier files made', GATE_TIME, () => {
  it.each([
    ['passes SET NOT NULL behind a validated CHECK (x IS NOT NULL) of an earlier file', '', []],
    ['flags it behind a NOT VALID one', ' NOT VALID', [expect.stringContaining('adding-not-nullable-field')]],
  ])('%s', async (_, notValid, expected) => {
    schema = scratchSchema({
      '0001_base.sql': `CREATE TABLE users (id int PRIMARY KEY, a text);
        ALTER TABLE users ADD CONSTRAINT users_a CHECK (a IS NOT NULL)${notValid};`,
    });
    const baseline = { ref: 'base', reason: 'test', files: schema.files() };
    schema.write({ '0002_not_null.sql': `${TIMEOUTS}ALTER TABLE users ALTER COLUMN a SET NOT NULL;\n` });
    expect((await lintNewSchemaFiles(baseline, schema.files(), schema.dir)).problems).toEqual(expected);
  });
});
