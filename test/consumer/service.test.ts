// A CutX service's tests, importing @cutx/db only through its package name and exports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CutxDbError, migrate, openDb } from '@cutx/db';
import { createFactories } from '@cutx/db/factories';
import { metadata, type Row, SIGNUP_CREDITS, tables } from '@cutx/db/schemas';
import { personas, scenarios, seedDatabase } from '@cutx/db/seeds';
import { openTestDb } from '@cutx/db/testing';
import { describe, expect, expectTypeOf, it, test } from '@cutx/db/vitest';

describe('@cutx/db from its tarball', () => {
  it('gives a migrated database and typed factories with no other setup', async () => {
    const db = await openTestDb();
    const f = createFactories(db, { seed: 1 });
    const user = await f.users.create();
    expectTypeOf(user).toEqualTypeOf<Row<'users'>>();
    expectTypeOf(user.email).toEqualTypeOf<string>();
    const { rows } = await db.query('SELECT balance FROM credit_balances WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([{ balance: SIGNUP_CREDITS }]);
    await db.close();
  });

  it('exposes the typed rows and the canonical SQL files', () => {
    expect(Object.keys(tables)).toEqual(Object.keys(metadata.tables));
    const sql = readFileSync(createRequire(import.meta.url).resolve('@cutx/db/schema/0001_foundation.sql'), 'utf8');
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  });

  it('migrates idempotently and reports errors as CutxDbError', async () => {
    const db = await openDb();
    expect((await migrate(db)).applied).toEqual([]);
    await expect(db.query("INSERT INTO users (email, role) VALUES ('x@cutx.test', 'root')")).rejects.toThrow();
    expect(new CutxDbError('invalid_input', 'x').code).toBe('invalid_input');
    await db.close();
  });

  it('seeds the dev scenario with its named personas', async () => {
    const db = await openTestDb();
    await seedDatabase(db, { scenario: scenarios.dev, seed: 1 });
    const { rows } = await db.query('SELECT role FROM users WHERE id = $1', [personas.owner.id]);
    expect(rows).toEqual([{ role: 'owner' }]);
    await db.reset();
    expect((await db.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 0 }]);
    await db.close();
  });
});

describe('the vitest fixture', () => {
  test('isolates tests: this one commits a user', async ({ factories }) => {
    await factories.users.create();
  });
  test('and this one starts empty', async ({ db }) => {
    expect((await db.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 0 }]);
  });
});
