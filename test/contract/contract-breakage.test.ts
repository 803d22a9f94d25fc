import { describe, expect } from 'vitest';
import { dbTest as test } from '../support/db-test.js';
import type { TestDb } from '../support/test-db.js';
import {
  foreignKeyLines,
  indexDefinitionProblems,
  namedIndexProblems,
  primaryKeyProblems,
  tableProblems,
  unindexedForeignKeys,
  updatedAtProblems,
  vocabularyProblems,
} from './contract-checks.js';

/** Runs a check against the schema as one DDL script leaves `db`, then rolls the DDL back. */
async function problemsAfter(db: TestDb, ddl: string, check: (db: TestDb) => Promise<string[]>): Promise<string[]> {
  await db.exec(`BEGIN; ${ddl}`);
  try {
    return await check(db);
  } finally {
    await db.exec('ROLLBACK');
  }
}

// Each case breaks exactly what one contract test guards, and expects that test's check to
// report it: a contract check that stays silent here would pass on a broken schema.
const breakages: [string, string, (db: TestDb) => Promise<string[]>, RegExp][] = [
  ['a table is dropped', 'DROP TABLE competitor_streams', tableProblems, /missing competitor_streams/],
  ['an extra table appears', 'CREATE TABLE notes (id uuid)', tableProblems, /unexpected notes/],
  [
    'a named index is renamed',
    'ALTER INDEX idx_jobs_replicate RENAME TO idx_jobs_prediction',
    namedIndexProblems,
    /idx_jobs_replicate: missing/,
  ],
  [
    'the idempotency index loses uniqueness',
    'DROP INDEX idx_jobs_idempotency; CREATE INDEX idx_jobs_idempotency ON generation_jobs (user_id, idempotency_key)',
    namedIndexProblems,
    /idx_jobs_idempotency: is/,
  ],
  [
    'the email index becomes case-sensitive',
    'DROP INDEX idx_users_email; CREATE UNIQUE INDEX idx_users_email ON users (email)',
    namedIndexProblems,
    /idx_users_email: is/,
  ],
  [
    'the search index loses its trigram operator class',
    "DROP INDEX idx_inventory_search; CREATE INDEX idx_inventory_search ON inventory_items USING gin (to_tsvector('simple', name))",
    namedIndexProblems,
    /idx_inventory_search/,
  ],
  [
    'a named index is made partial',
    "DROP INDEX idx_jobs_idempotency; CREATE UNIQUE INDEX idx_jobs_idempotency ON generation_jobs (user_id, idempotency_key) WHERE status <> 'failed'",
    namedIndexProblems,
    /idx_jobs_idempotency: is .*"predicate":"status <> 'failed'/,
  ],
  [
    "a partial index's predicate loses a value",
    `DROP INDEX idx_subscriptions_one_live_per_user;
     CREATE UNIQUE INDEX idx_subscriptions_one_live_per_user ON subscriptions (user_id) WHERE status IN ('trialing', 'active')`,
    indexDefinitionProblems,
    /index: missing CREATE UNIQUE INDEX idx_subscriptions_one_live_per_user .*'paused'/,
  ],
  [
    'an index expression changes',
    'DROP INDEX idx_landing_pages_custom_domain; CREATE UNIQUE INDEX idx_landing_pages_custom_domain ON landing_pages (custom_domain)',
    indexDefinitionProblems,
    /index: unexpected CREATE UNIQUE INDEX idx_landing_pages_custom_domain .*\(custom_domain\)/,
  ],
  [
    'an unnamed index loses its uniqueness',
    'DROP INDEX idx_inventory_items_user_sku; CREATE INDEX idx_inventory_items_user_sku ON inventory_items (user_id, sku)',
    indexDefinitionProblems,
    /index: unexpected CREATE INDEX idx_inventory_items_user_sku/,
  ],
  [
    'an updated_at trigger is dropped',
    'DROP TRIGGER shows_updated_at ON shows',
    updatedAtProblems,
    /updated_at trigger: missing shows/,
  ],
  [
    'a table grows an updated_at column',
    'ALTER TABLE projects ADD COLUMN updated_at timestamptz',
    updatedAtProblems,
    /updated_at column: unexpected projects/,
  ],
  [
    'a cascade becomes SET NULL',
    'ALTER TABLE products DROP CONSTRAINT products_project_id_fkey, ALTER COLUMN project_id DROP NOT NULL, ADD FOREIGN KEY (project_id) REFERENCES projects ON DELETE SET NULL',
    foreignKeyLines,
    /products\(project_id\) -> projects ON DELETE SET NULL/,
  ],
  [
    'a foreign-key index is dropped',
    'DROP INDEX idx_assets_job',
    unindexedForeignKeys,
    /assets\(job_id\) has no index/,
  ],
  [
    'a primary key is dropped',
    'ALTER TABLE assets DROP CONSTRAINT assets_pkey CASCADE',
    primaryKeyProblems,
    /assets: no primary key/,
  ],
  [
    'a vocabulary check is dropped',
    'ALTER TABLE shows DROP CONSTRAINT shows_status_check',
    vocabularyProblems,
    /missing shows\.status/,
  ],
  [
    'a vocabulary gains a value only in SQL',
    "ALTER TABLE users DROP CONSTRAINT users_role_check, ADD CONSTRAINT users_role_check CHECK (role IN ('user', 'admin', 'owner', 'root'))",
    vocabularyProblems,
    /users\.role: SQL accepts/,
  ],
];

describe('the contract checks', () => {
  test.for(breakages)('notice when %s', async ([, ddl, check, expected], { db }) => {
    const problems = await problemsAfter(db, ddl, check);
    expect(problems.join('\n')).toMatch(expected);
  });
});
