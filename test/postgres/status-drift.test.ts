import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogDifference,
  type CatalogSnapshot,
  diffCatalogSnapshots,
  readCatalogSnapshot,
} from '../../src/db/catalog-snapshot.js';
import { readSchemaFiles } from '../../src/db/schema-files.js';
import { canonicalSnapshot } from '../../src/db/schema-status.js';
import { createPgTestDb } from '../../src/testing/pg-test-db.js';
import { runHere } from '../cli/run-here.js';

const serverUrl = process.env.CUTX_TEST_DATABASE_URL ?? '';

/** What a difference says, in short: `-` missing live, `+` only live, `~` different. */
function summary({ kind, name, before, after }: CatalogDifference): string {
  return `${before === undefined ? '+' : after === undefined ? '-' : '~'} ${kind} ${name}`;
}

// Drift is a server database changed by hand; PGlite is where the canonical catalog comes from.
describe('status: drift of a server database from the canonical schema', () => {
  let canonical: CatalogSnapshot;
  beforeAll(async () => {
    canonical = await canonicalSnapshot(readSchemaFiles());
  });

  async function driftAfter(alteration: string): Promise<string[]> {
    const db = await createPgTestDb(serverUrl);
    try {
      await db.exec(alteration);
      return diffCatalogSnapshots(canonical, await readCatalogSnapshot(db)).map(summary);
    } finally {
      await db.close();
    }
  }

  it('finds none on a server database migrated from schema/ (PostgreSQL 15+ against PGlite)', async () => {
    expect(await driftAfter('SELECT 1')).toEqual([]);
  });

  it.each([
    ['a dropped column', 'ALTER TABLE users DROP COLUMN avatar_url', ['- column users.avatar_url']],
    ['a changed type', 'ALTER TABLE users ALTER COLUMN avatar_url TYPE varchar(500)', ['~ column users.avatar_url']],
    ['a changed default', "ALTER TABLE users ALTER COLUMN role SET DEFAULT 'admin'", ['~ column users.role']],
    ['a dropped NOT NULL', 'ALTER TABLE users ALTER COLUMN role DROP NOT NULL', ['~ column users.role']],
    ['an added column', 'ALTER TABLE users ADD COLUMN nickname text', ['+ column users.nickname']],
    ['an added table', 'CREATE TABLE hand_made ()', ['+ table hand_made']],
    [
      'an added constraint',
      'ALTER TABLE users ADD CONSTRAINT users_email_short CHECK (length(email) < 100)',
      ['+ constraint users.users_email_short'],
    ],
    [
      'a changed CHECK',
      "ALTER TABLE users DROP CONSTRAINT users_role_check, ADD CONSTRAINT users_role_check CHECK (role IN ('user', 'admin'))",
      ['~ constraint users.users_role_check'],
    ],
    ['a dropped index', 'DROP INDEX idx_jobs_user_status', ['- index idx_jobs_user_status']],
    [
      'an index given a predicate',
      `DROP INDEX idx_jobs_replicate;
       CREATE INDEX idx_jobs_replicate ON generation_jobs (replicate_prediction_id) WHERE status = 'processing'`,
      ['~ index idx_jobs_replicate'],
    ],
    ['a dropped trigger', 'DROP TRIGGER users_updated_at ON users', ['- trigger users.users_updated_at']],
    ['a disabled trigger', 'ALTER TABLE users DISABLE TRIGGER users_updated_at', ['~ trigger users.users_updated_at']],
    [
      'a replaced function body',
      `CREATE OR REPLACE FUNCTION derived_uuid(source uuid, purpose text) RETURNS uuid
       LANGUAGE sql IMMUTABLE AS $$ SELECT md5(purpose || source::text)::uuid $$`,
      ['~ function derived_uuid(uuid,text)'],
    ],
    [
      'an added function',
      'CREATE FUNCTION hand_made() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      ['+ function hand_made()'],
    ],
    // What old code depends on beyond tables, columns, keys, indexes, triggers and functions.
    ['an added view', 'CREATE VIEW hand_view AS SELECT id FROM users', ['+ view hand_view']],
    [
      "a grant undoing 0010's REVOKE ... FROM PUBLIC",
      'GRANT EXECUTE ON FUNCTION users_grant_signup_credits() TO PUBLIC',
      ['~ function users_grant_signup_credits()'],
    ],
    ['a table grant', 'GRANT SELECT ON users TO PUBLIC', ['~ table users']],
    ['an unlogged table', 'ALTER TABLE admin_audit_log SET UNLOGGED', ['~ table admin_audit_log']],
    ['a column collation', 'ALTER TABLE users ALTER COLUMN email TYPE text COLLATE "C"', ['~ column users.email']],
    [
      'a trigger firing only for replicas',
      'ALTER TABLE generation_jobs ENABLE REPLICA TRIGGER generation_jobs_debit_credits',
      ['~ trigger generation_jobs.generation_jobs_debit_credits'],
    ],
    ['row-level security', 'ALTER TABLE users ENABLE ROW LEVEL SECURITY', ['~ table users']],
    ['a policy', 'CREATE POLICY own ON users USING (true)', ['+ policy users.own']],
    [
      'a dropped domain CHECK',
      'ALTER DOMAIN currency_code DROP CONSTRAINT currency_code_check',
      ['~ domain currency_code'],
    ],
    [
      'a new owner',
      `DO $$ BEGIN CREATE ROLE cutx_drift_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
       ALTER TABLE credit_balances OWNER TO cutx_drift_owner`,
      ['~ table credit_balances'],
    ],
    ['a replica identity', 'ALTER TABLE users REPLICA IDENTITY FULL', ['~ table users']],
    ['an added sequence', 'CREATE SEQUENCE hand_seq', ['+ sequence hand_seq']],
    ['an added rule', 'CREATE RULE no_delete AS ON DELETE TO users DO INSTEAD NOTHING', ['+ rule users.no_delete']],
    ['a dropped extension', 'DROP EXTENSION pg_trgm CASCADE', expect.arrayContaining(['- extension pg_trgm'])],
  ])('reports %s', async (_, alteration, expected) => {
    expect(await driftAfter(alteration)).toEqual(expected);
  });

  it('reports what a dropped column takes with it: its CHECK and its index', async () => {
    expect(await driftAfter('ALTER TABLE users DROP COLUMN github_id')).toEqual([
      '- column users.github_id',
      '- constraint users.users_github_id_positive',
      '- index idx_users_github',
    ]);
  });

  it('cutx-db status lists the files, prints the drift grouped by kind, and exits 1; 0 without drift', async () => {
    const db = await createPgTestDb(serverUrl);
    try {
      const clean = await runHere(['status', '--database-url', db.url]);
      expect(clean).toMatchObject({ code: 0, stderr: '' });
      expect(clean.stdout).toContain(`applied (${readSchemaFiles().length}):\n  0001_foundation.sql  `);
      expect(clean.stdout).toContain('pending (0):\ndrift: none');
      await db.exec(`ALTER TABLE users ALTER COLUMN role SET DEFAULT 'admin'; DROP INDEX idx_jobs_user_status`);
      const drifted = await runHere(['status', '--database-url', db.url]);
      expect(drifted.code).toBe(1);
      expect(drifted.stdout).toContain(
        [
          'drift (2), expected as the applied files make it:',
          '  columns (type, nullability, default):',
          "    ~ users.role: expected text NOT NULL DEFAULT 'user'::text",
          "                  found    text NOT NULL DEFAULT 'admin'::text",
          '  indexes:',
          '    - idx_jobs_user_status: missing (expected CREATE INDEX idx_jobs_user_status ON public.generation_jobs USING btree (user_id, status))',
        ].join('\n'),
      );
      expect(drifted.stderr).toContain('cutx-db status: 2 differences from the canonical schema');
    } finally {
      await db.close();
    }
  });
});
