import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyChanges } from '../../scripts/schema-checks/compatibility.js';
import { runCompatibilityGate } from '../../scripts/schema-checks/compatibility-gate.js';
import { type CatalogSnapshot, diffCatalogSnapshots, readCatalogSnapshot } from '../../src/db/catalog-snapshot.js';
import { createPglite } from '../../src/db/create-pglite.js';
import type { CutxDb } from '../../src/db/open.js';
import { schemaDir } from '../../src/db/schema-files.js';
import { migratedTemplate } from '../../src/db/template/migrated-template.js';
import { type ScratchSchema, scratchSchema } from '../migrate/scratch-schema.js';

// Each case builds embedded databases and migrates them; on a machine shared by many, that is slow.
const GATE_TIME = { timeout: 300_000 };

const BASE = `
CREATE TABLE users (
  id       uuid PRIMARY KEY,
  email    text NOT NULL,
  legacy_x text,
  role     text NOT NULL DEFAULT 'user' CONSTRAINT users_role_check CHECK (role IN ('user', 'admin')),
  age      integer CONSTRAINT users_age_check CHECK (age > 0),
  score    integer DEFAULT 0
);
CREATE UNIQUE INDEX idx_users_email ON users (email);
CREATE INDEX idx_users_role ON users (role);
CREATE TABLE posts (id uuid PRIMARY KEY, user_id uuid REFERENCES users ON DELETE CASCADE, body text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
`;

const roles = (values: string) =>
  `ALTER TABLE users DROP CONSTRAINT users_role_check,
     ADD CONSTRAINT users_role_check CHECK (role IN (${values}))`;

/** A database to change, and the verdicts of each change `sql` makes to it; rolled back, so each case starts afresh. */
function classifier(setUp: () => Promise<CutxDb>) {
  let db: CutxDb;
  let base: CatalogSnapshot;
  beforeAll(async () => {
    db = await setUp();
    base = await readCatalogSnapshot(db);
  }, GATE_TIME.timeout);
  afterAll(() => db?.close());
  return async (sql: string): Promise<string[]> => {
    await db.exec('BEGIN');
    try {
      await db.exec(sql);
      const after = await readCatalogSnapshot(db);
      return classifyChanges(diffCatalogSnapshots(base, after), base).map((change) => `${change.kind} ${change.name}`);
    } finally {
      await db.exec('ROLLBACK');
    }
  };
}

describe('the compatibility gate classifies each change of a scratch schema', () => {
  const changesOf = classifier(async () => {
    const db = await createPglite();
    await db.exec(BASE);
    return db;
  });

  it.each([
    // Expanding: nothing old code reads or writes goes away or is refused.
    ['a new table', 'CREATE TABLE tags (id int)', ['expand add table tags']],
    ['a new nullable column', 'ALTER TABLE users ADD COLUMN nickname text', ['expand add column users.nickname']],
    [
      'a new NOT NULL column with a default',
      "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free'",
      ['expand add column users.plan'],
    ],
    ['a new index', 'CREATE INDEX idx_posts_body ON posts (body)', ['expand add index idx_posts_body']],
    [
      'a new function body (behaviour)',
      'CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.age := 1; RETURN NEW; END $$',
      ['behaviour change function touch()'],
    ],
    // Contracting: old code may break.
    ['a dropped table, not each of its objects', 'DROP TABLE posts', ['contract drop table posts']],
    ['a dropped column', 'ALTER TABLE users DROP COLUMN legacy_x', ['contract drop column users.legacy_x']],
    [
      'a renamed column (a drop and an add)',
      'ALTER TABLE users RENAME COLUMN legacy_x TO legacy_y',
      ['contract drop column users.legacy_x', 'expand add column users.legacy_y'],
    ],
    ['a changed type', 'ALTER TABLE users ALTER COLUMN score TYPE bigint', ['contract change type users.score']],
    [
      'a new NOT NULL column without a default',
      'ALTER TABLE posts ADD COLUMN title text NOT NULL',
      ['contract add not null column posts.title'],
    ],
    [
      'a new NOT NULL on a column',
      'ALTER TABLE users ALTER COLUMN legacy_x SET NOT NULL',
      ['contract set not null users.legacy_x'],
    ],
    ['a dropped default', 'ALTER TABLE users ALTER COLUMN score DROP DEFAULT', ['contract drop default users.score']],
    ['a narrowed vocabulary', roles("'user'"), ['contract narrow constraint users.users_role_check']],
    [
      'a new CHECK on existing rows',
      'ALTER TABLE users ADD CONSTRAINT users_email_length CHECK (length(email) < 100)',
      ['contract add constraint users.users_email_length'],
    ],
    [
      'a new unique index',
      'CREATE UNIQUE INDEX idx_posts_body ON posts (body)',
      ['contract add unique index idx_posts_body'],
    ],
    ['a dropped index', 'DROP INDEX idx_users_role', ['contract drop index idx_users_role']],
    [
      'a changed index predicate',
      "DROP INDEX idx_users_role; CREATE INDEX idx_users_role ON users (role) WHERE role <> 'user'",
      ['contract change index idx_users_role'],
    ],
    [
      'a dropped foreign key',
      'ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey',
      ['contract drop constraint posts.posts_user_id_fkey'],
    ],
    ['a dropped trigger', 'DROP TRIGGER users_touch ON users', ['contract drop trigger users.users_touch']],
  ])('%s', async (_, sql, expected) => {
    expect(await changesOf(sql)).toEqual(expected);
  });
});

describe('the compatibility gate on a baseline and new files', GATE_TIME, () => {
  let schema: ScratchSchema;
  const baseline = () => ({ ref: 'base', reason: 'test', files: schema.files() });
  afterEach(() => schema.cleanUp());

  it('fails an undeclared contracting change, naming the marker to add, and a marker naming no such change', async () => {
    schema = scratchSchema({ '0001_base.sql': BASE });
    const before = baseline();
    schema.write({
      '0002_drop_legacy.sql': '-- cutx:contract drop column users.legacy\nALTER TABLE users DROP COLUMN legacy_x;\n',
    });
    expect((await runCompatibilityGate(before, schema.files())).problems).toEqual([
      expect.stringContaining(
        'add the line `-- cutx:contract drop column users.legacy_x` to schema/0002_drop_legacy.sql',
      ),
      expect.stringContaining('`-- cutx:contract drop column users.legacy` names no contract change'),
    ]);
  });

  it('passes a contracting change its new file declares', async () => {
    schema = scratchSchema({ '0001_base.sql': BASE });
    const before = baseline();
    schema.write({
      '0002_drop_legacy.sql': '-- cutx:contract drop column users.legacy_x\nALTER TABLE users DROP COLUMN legacy_x;\n',
    });
    expect(await runCompatibilityGate(before, schema.files())).toEqual({
      changes: [{ kind: 'contract', name: 'drop column users.legacy_x' }],
      problems: [],
    });
  });

  it('fails, before comparing catalogs, a baseline file that changed or went away and a new file sorting before it', async () => {
    schema = scratchSchema({ '0001_base.sql': BASE, '0003_more.sql': 'CREATE TABLE more (id int);' });
    const before = baseline();
    schema.remove('0003_more.sql').write({ '0001_base.sql': `${BASE}\n-- edited`, '0002_late.sql': 'SELECT 1;' });
    expect(await runCompatibilityGate(before, schema.files())).toEqual({
      changes: [],
      problems: [
        'schema/0003_more.sql is gone: applied files never go away.',
        'schema/0001_base.sql has changed: applied files never change; put the change in a new file.',
        'schema/0002_late.sql sorts before 0003_more.sql: number it after the last one.',
      ],
    });
  });
});

// Each a new file after 0010 of this package's schema, as the deployed services have it.

/** 0004's signup trigger function, replaced by one that grants `credits` instead of 25. */
function signupCredits(credits: number): string {
  const billing = readFileSync(join(schemaDir, '0004_billing.sql'), 'utf8');
  const definition = /CREATE FUNCTION users_grant_signup_credits\(\)[\s\S]*?\$\$;/.exec(billing)?.[0] ?? '';
  expect(definition).toContain("'signup_bonus', 25,");
  return definition
    .replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION')
    .replace("'signup_bonus', 25,", `'signup_bonus', ${credits},`);
}
describe("the compatibility gate on changes to this package's schema", () => {
  const changesOf = classifier(() => createPglite({}, migratedTemplate));
  const vocabulary = (constraint: string, column: string, values: string, how = 'DROP CONSTRAINT') =>
    `ALTER TABLE users ${how} ${how === 'DROP CONSTRAINT' ? constraint : ''}${how === 'DROP CONSTRAINT' ? ',' : ''}
       ADD CONSTRAINT ${constraint} CHECK (${column} IN (${values}))`;

  it.each([
    // Behaviour: old code runs, the database does something else for it.
    [
      "a changed default: role 'admin'",
      "ALTER TABLE users ALTER COLUMN role SET DEFAULT 'admin'",
      ['behaviour change default users.role'],
    ],
    [
      "a changed default: status 'banned'",
      "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'banned'",
      ['behaviour change default users.status'],
    ],
    [
      'a default where there was none',
      "ALTER TABLE users ALTER COLUMN avatar_url SET DEFAULT 'x'",
      ['behaviour set default users.avatar_url'],
    ],
    [
      'the signup trigger granting 5 credits, not 25',
      signupCredits(5),
      ['behaviour change function users_grant_signup_credits()'],
    ],
    [
      'a new BEFORE INSERT trigger refusing what old writers send',
      `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$;
       CREATE TRIGGER users_refuse BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse()`,
      ['behaviour add trigger users.users_refuse', 'expand add function refuse()'],
    ],
    [
      'a new rule',
      'CREATE RULE users_keep AS ON DELETE TO users DO INSTEAD NOTHING',
      ['behaviour add rule users.users_keep'],
    ],
    // Kinds the gate did not see.
    [
      'job creation charging no credits (a replica-only trigger)',
      'ALTER TABLE generation_jobs ENABLE REPLICA TRIGGER generation_jobs_debit_credits',
      ['behaviour change trigger generation_jobs.generation_jobs_debit_credits'],
    ],
    [
      'a disabled trigger',
      'ALTER TABLE users DISABLE TRIGGER users_updated_at',
      ['behaviour change trigger users.users_updated_at'],
    ],
    [
      "undoing 0010's REVOKE ... FROM PUBLIC",
      'GRANT EXECUTE ON FUNCTION users_grant_signup_credits() TO PUBLIC',
      ['behaviour grant function users_grant_signup_credits()'],
    ],
    [
      'a revoked table privilege',
      'REVOKE SELECT ON users FROM PUBLIC; REVOKE SELECT ON users FROM CURRENT_USER',
      ['contract revoke table users'],
    ],
    ['a new view', 'CREATE VIEW v AS SELECT id FROM users', ['expand add view v']],
    ['a sequence', 'CREATE SEQUENCE s', ['expand add sequence s']],
    [
      'a domain CHECK dropped',
      'ALTER DOMAIN currency_code DROP CONSTRAINT currency_code_check',
      ['contract change domain currency_code'],
    ],
    [
      'row-level security',
      'ALTER TABLE users ENABLE ROW LEVEL SECURITY',
      ['contract set row-level-security enabled users'],
    ],
    ['a policy on an existing table', 'CREATE POLICY own ON users USING (true)', ['behaviour add policy users.own']],
    [
      'a column collation',
      'ALTER TABLE users ALTER COLUMN email TYPE text COLLATE "C"',
      ['contract change collation users.email'],
    ],
    [
      'an unlogged table',
      'ALTER TABLE admin_audit_log SET UNLOGGED',
      ['contract set persistence unlogged admin_audit_log'],
    ],
    ['a replica identity', 'ALTER TABLE users REPLICA IDENTITY FULL', ['behaviour set replica-identity users']],
    [
      'a new owner',
      'CREATE ROLE cutx_gate_owner; ALTER TABLE users OWNER TO cutx_gate_owner',
      ['contract change owner table users', 'contract revoke table users'],
    ],
    [
      'a dropped extension',
      'DROP EXTENSION pg_trgm CASCADE',
      expect.arrayContaining(['contract drop extension pg_trgm']),
    ],
    // Readers: the published row schemas reject what the database may now hold.
    [
      'a widened vocabulary',
      vocabulary('users_role_check', 'role', "'user', 'admin', 'owner', 'support'"),
      ['contract widen constraint users.users_role_check'],
    ],
    ['a dropped NOT NULL', 'ALTER TABLE users ALTER COLUMN role DROP NOT NULL', ['contract drop not null users.role']],
    [
      'a dropped CHECK',
      'ALTER TABLE users DROP CONSTRAINT users_role_check',
      ['contract drop constraint users.users_role_check'],
    ],
    // No false alarms.
    [
      'a widened vocabulary under a renamed constraint: one widening, not a drop and a new CHECK',
      `ALTER TABLE users DROP CONSTRAINT users_role_check,
         ADD CONSTRAINT users_role_values CHECK (role IN ('user', 'admin', 'owner', 'support'))`,
      ['contract widen constraint users.users_role_values'],
    ],
    [
      'the same vocabulary written with OR',
      `ALTER TABLE users DROP CONSTRAINT users_role_check,
         ADD CONSTRAINT users_role_check CHECK (role = 'user' OR role = 'admin' OR role = 'owner')`,
      ['expand rewrite constraint users.users_role_check'],
    ],
  ])('%s', async (_, sql, expected) => {
    expect(await changesOf(sql)).toEqual(expected);
  });
});

describe('the compatibility gate judges a change by what the baseline already holds', GATE_TIME, () => {
  let schema: ScratchSchema;
  afterEach(() => schema.cleanUp());
  const gate = async (baselineSql: string, change: string) => {
    schema = scratchSchema({ '0001_base.sql': `${BASE}\n${baselineSql}` });
    const before = { ref: 'base', reason: 'test', files: schema.files() };
    schema.write({ '0002_change.sql': change });
    return runCompatibilityGate(before, schema.files());
  };

  it('passes VALIDATE of a constraint the baseline added NOT VALID', async () => {
    const notValid = 'ALTER TABLE users ADD CONSTRAINT users_score_positive CHECK (score >= 0) NOT VALID;';
    expect(await gate(notValid, 'ALTER TABLE users VALIDATE CONSTRAINT users_score_positive;')).toEqual({
      changes: [{ kind: 'expand', name: 'validate constraint users.users_score_positive' }],
      problems: [],
    });
  });

  it('passes SET NOT NULL behind a validated CHECK (x IS NOT NULL), and not behind a NOT VALID one', async () => {
    const check = 'ALTER TABLE users ADD CONSTRAINT users_legacy_present CHECK (legacy_x IS NOT NULL)';
    const setNotNull = 'ALTER TABLE users ALTER COLUMN legacy_x SET NOT NULL;';
    expect((await gate(`${check};`, setNotNull)).problems).toEqual([]);
    schema.cleanUp();
    expect((await gate(`${check} NOT VALID;`, setNotNull)).problems).toEqual([
      expect.stringContaining('Contracting change not declared: set not null users.legacy_x.'),
    ]);
  });

  it('asks for a behaviour marker, not a contract one, and says why a widening breaks readers', async () => {
    const widen = `${roles("'user', 'admin', 'support'")};\nALTER TABLE users ALTER COLUMN score SET DEFAULT 1;\n`;
    expect((await gate('', widen)).problems).toEqual([
      expect.stringMatching(
        /^Behaviour change not declared: change default users.score\. .*`-- cutx:behaviour change default users.score`/,
      ),
      expect.stringMatching(/widen constraint users.users_role_check\. old readers break: the published row schemas/),
    ]);
    schema.cleanUp();
    const declared = `-- cutx:behaviour change default users.score\n-- cutx:contract widen constraint users.users_role_check\n${widen}`;
    expect((await gate('', declared)).problems).toEqual([]);
    schema.cleanUp();
    const wrongVerdict = `-- cutx:contract change default users.score\n-- cutx:contract widen constraint users.users_role_check\n${widen}`;
    expect((await gate('', wrongVerdict)).problems).toEqual([
      expect.stringContaining('Behaviour change not declared: change default users.score'),
      '`-- cutx:contract change default users.score` names no contract change of schema/0002_change.sql: fix or remove it.',
    ]);
  });
});
