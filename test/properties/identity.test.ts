import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbTest } from '../support/db-test.js';
import { SQL_STATE } from '../support/sql-state.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { attempt, rolledBack } from './support/isolation.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';

/** The longest address the CHECK accepts (320 characters), beside generated ones. */
const LONGEST_EMAIL = `${'a'.repeat(64)}@${'b'.repeat(250)}.test`;

/** An address and the same address with the case of some of its letters changed. */
const caseVariants = fc
  .tuple(
    fc.oneof(fc.emailAddress(), fc.constant(LONGEST_EMAIL)),
    fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
  )
  .map(([email, flips]) => {
    const variant = [...email]
      .map((char, i) => (flips[i % flips.length] ? char.toUpperCase() : char.toLowerCase()))
      .join('');
    return { email, variant };
  })
  .filter(({ email, variant }) => email !== variant && email.length <= 320);

/** A second account whose address differs from the first only in case is refused. */
const emailsIgnoreCase: DbProperty<[{ email: string; variant: string }]> = async (db) =>
  fc.asyncProperty(caseVariants, ({ email, variant }) =>
    rolledBack(db, async () => {
      await db.query('INSERT INTO users (email) VALUES ($1)', [email]);
      const error = await attempt(db, 'INSERT INTO users (email) VALUES ($1)', [variant]);
      expect(error).toEqual({ code: SQL_STATE.uniqueViolation, constraint: 'idx_users_email' });
    }),
  );

/** Byte strings of exactly 32 bytes, one either side and none, beside any length up to 64. */
const tokenHash = fc.oneof(
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
  fc.constantFrom(0, 31, 33).chain((length) => fc.uint8Array({ minLength: length, maxLength: length })),
  fc.uint8Array({ maxLength: 64, size: 'max' }),
);

/** A magic-link token is stored only as a SHA-256 digest: 32 bytes, no other length. */
const tokenHashes: DbProperty<[Uint8Array]> = async (db) =>
  fc.asyncProperty(tokenHash, (hash) =>
    rolledBack(db, async () => {
      const error = await attempt(
        db,
        `WITH u AS (INSERT INTO users (email) VALUES ('token@cutx.test') RETURNING id)
         INSERT INTO magic_link_tokens (user_id, token_hash, expires_at) SELECT id, $1, now() + interval '15 minutes' FROM u`,
        [hash],
      );
      expect(error).toEqual(
        hash.length === 32
          ? undefined
          : { code: SQL_STATE.checkViolation, constraint: 'magic_link_tokens_token_hash_sha256' },
      );
    }),
  );

/** Text columns whose name says they hold a token: a leak would hand them out usable. */
async function plaintextTokenColumns(db: TestDb): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name LIKE '%token%'
        AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
  );
  return rows.map((row) => row.name);
}

describe('identity (guarantee 9)', () => {
  dbTest('refuses an email that differs from an existing one only in case', async ({ db }) => {
    await fc.assert(await emailsIgnoreCase(db), fcOptions(50));
  });

  dbTest('accepts a token_hash of exactly 32 bytes and refuses every other length', async ({ db }) => {
    await fc.assert(await tokenHashes(db), fcOptions(50));
  });

  it('reaches 32 bytes, one byte either side and the longest address in its default runs', () => {
    const lengths = (length: number) => (hash: Uint8Array) => hash.length === length;
    expect(
      unreached(tokenHash, 50, {
        '32 bytes': lengths(32),
        '31 bytes': lengths(31),
        '33 bytes': lengths(33),
        'no bytes': lengths(0),
        'over 33 bytes': (hash) => hash.length > 33,
      }),
    ).toEqual([]);
    expect(unreached(caseVariants, 50, { 'a 320-character address': ({ email }) => email.length === 320 })).toEqual([]);
  });

  dbTest('has no text column named like a token', async ({ db }) => {
    expect(await plaintextTokenColumns(db)).toEqual([]);
  });

  it('finds a counterexample when the email index is case-sensitive', () =>
    expectCounterexample(
      'DROP INDEX idx_users_email; CREATE UNIQUE INDEX idx_users_email ON users (email)',
      emailsIgnoreCase,
      20,
    ));

  it('finds a counterexample when token hashes of any length are accepted', () =>
    expectCounterexample(
      'ALTER TABLE magic_link_tokens DROP CONSTRAINT magic_link_tokens_token_hash_sha256',
      tokenHashes,
      20,
    ));

  dbTest('notices a plaintext token column', async ({ db }) => {
    await db.exec('BEGIN; ALTER TABLE ad_platform_connections ADD COLUMN access_token text');
    try {
      expect(await plaintextTokenColumns(db)).toEqual(['ad_platform_connections.access_token']);
    } finally {
      await db.exec('ROLLBACK');
    }
  });
});
