import { describe, expect } from 'vitest';
import { dbTest as test } from '../support/db-test.js';
import { expectVictims, guardAttacks, guardedRows, INSERT_VICTIMS, runAttack } from './guard-attacks.js';

// On the engine under test, as the superuser the suite connects as (PGlite has no other
// role): the guards themselves refuse every attack, with no grant to help them.
// test/postgres/application-role.test.ts runs the same attacks as an application role.
describe('ledger and audit guards against code nested in a client’s own statement', () => {
  test.beforeAll(async ({ db }) => {
    await db.exec(INSERT_VICTIMS);
  });

  test('starts from victims whose balances match their ledgers', async ({ db }) => {
    expectVictims(await guardedRows(db));
  });

  test.for(guardAttacks)('refuses this and changes nothing: $name', async (attack, { db }) => {
    const before = await guardedRows(db);
    const error = await runAttack(db, attack);
    expect(error, 'the attack should have been refused').toBeInstanceOf(Error);
    expect(attack.refusedWith).toContain((error as { code?: unknown }).code);
    expect(await guardedRows(db)).toEqual(before);
  });
});
