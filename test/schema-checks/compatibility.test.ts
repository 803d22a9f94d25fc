import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyChanges } from '../../scripts/schema-checks/compatibility.js';
import { runCompatibilityGate } from '../../scripts/schema-checks/compatibility-gate.js';
import { type CatalogSnapshot, diffCatalogSnapshots, readCatalogSnapshot } from '../../src/db/catalog-snapshot.js';
import { createPglite } from '../../src/db/create-pglite.js';
import type { CutxDb } from '../../src/db/open.js';
import { type ScratchSchema, scratchSchema } from '../migrate/scratch-schema.js';

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

describe('the compatibility gate classifies each change of a scratch schema', () => {
  let db: CutxDb;
  let base: CatalogSnapshot;
  beforeAll(async () => {
    db = await createPglite();
    await db.exec(BASE);
    base = await readCatalogSnapshot(db);
  });
  afterAll(() => db.close());

  /** The changes `sql` makes to the base schema; rolled back, so each case starts from the base. */
  async function changesOf(sql: string): Promise<string[]> {
    await db.exec('BEGIN');
    try {
      await db.exec(sql);
      const after = await readCatalogSnapshot(db);
      return classifyChanges(diffCatalogSnapshots(base, after)).map((change) => `${change.kind} ${change.name}`);
    } finally {
      await db.exec('ROLLBACK');
    }
  }

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
    ['a widened vocabulary', roles("'user', 'admin', 'owner'"), ['expand widen constraint users.users_role_check']],
    [
      'a dropped CHECK',
      'ALTER TABLE users DROP CONSTRAINT users_age_check',
      ['expand drop constraint users.users_age_check'],
    ],
    ['a dropped NOT NULL', 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL', ['expand drop not null users.email']],
    [
      'a new function body',
      'CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.age := 1; RETURN NEW; END $$',
      ['expand change function touch()'],
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

describe('the compatibility gate on a baseline and new files', () => {
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
      expect.stringContaining('`-- cutx:contract drop column users.legacy` names no contracting change'),
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
