import { env, exports } from 'cloudflare:workers';
import { CutxDbError, fromPostgres, openDb } from '@cutx/db';
import { createFactories } from '@cutx/db/factories';
import postgres from 'postgres';
import { beforeEach, expect, inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    usersBuiltInNode: string;
  }
}

// A client per test, never ended: workerd closes its connection when the test ends (see the Worker).
const connect = () => postgres(env.HYPERDRIVE.connectionString, { max: 1, fetch_types: false });
let sql: ReturnType<typeof postgres>;
beforeEach(() => {
  sql = connect();
});

const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://worker${path}`, init));

async function userWithCredits(balance: number) {
  const factories = createFactories(fromPostgres(sql), { seed: 7 });
  const user = await factories.users.create();
  await factories.creditBalances.create({ user, balance });
  return user;
}

it('creates a generation job once per idempotency key, debiting the credits once', async () => {
  const user = await userWithCredits(100);
  const body = JSON.stringify({ type: 'copy', idempotencyKey: 'k-1', creditsCost: 30, inputParams: { prompt: 'hi' } });
  const first = await call(`/users/${user.id}/jobs`, { method: 'POST', body });
  const again = await call(`/users/${user.id}/jobs`, { method: 'POST', body });
  expect(first.status).toBe(201);
  expect(again.status).toBe(200);
  const [a, b] = [(await first.json()) as { id: string }, (await again.json()) as { id: string }];
  expect(b.id).toBe(a.id);
  expect(await (await call(`/users/${user.id}/balance`)).json()).toEqual({ balance: 70 });
});

it('starts empty: the previous test wrote through the binding and left nothing', async () => {
  const [{ users, jobs }] = await sql`
    SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM generation_jobs) AS jobs`;
  expect({ users, jobs }).toEqual({ users: 0, jobs: 0 });
});

it('leaves a transaction open, holding a row lock', async () => {
  const user = await userWithCredits(5);
  let written!: () => void;
  const inside = new Promise<void>((resolve) => {
    written = resolve;
  });
  // Never committed nor rolled back: the next test must neither see the row nor wait for the lock.
  void connect()
    .begin(async (tx) => {
      await tx`SELECT id FROM users WHERE id = ${user.id} FOR UPDATE`;
      await tx`INSERT INTO inventory_items (user_id, name, category, condition, cost_cents, value_cents)
               VALUES (${user.id}, 'left open', 'toys', 'new', 1, 2)`;
      written();
      await new Promise(() => {});
    })
    .catch(() => {});
  await inside;
});

it('is clean after a test left its transaction open', async () => {
  const [{ items, users }] = await sql`
    SELECT (SELECT count(*)::int FROM inventory_items) AS items, (SELECT count(*)::int FROM users) AS users`;
  expect({ items, users }).toEqual({ items: 0, users: 0 });
  // The same factory seed makes the same user again, and its row lock is gone with the session.
  const user = await userWithCredits(5);
  await sql`UPDATE users SET display_name = 'unlocked' WHERE id = ${user.id}`;
});

it('builds the same rows from the same seed as in Node, and searches inventory through the Worker', async () => {
  const factories = createFactories(fromPostgres(sql), { seed: 7 });
  const user = await factories.users.create();
  // The Node side built the same with the same seed (see vitest.config.ts).
  const inNode = JSON.parse(inject('usersBuiltInNode')) as { email: string };
  expect(createFactories(fromPostgres(sql), { seed: 7 }).users.build().email).toBe(inNode.email);
  expect(user.email).toBe(inNode.email);
  await factories.inventoryItems.create({ user, name: 'Charizard holo', value_cents: 12_000 });
  await factories.inventoryItems.create({ user, name: 'Jordan 1 high' });
  const found = (await (await call(`/users/${user.id}/inventory?q=chari`)).json()) as {
    items: { name: string; value_cents: string }[];
  };
  expect(found.items.map((item) => [item.name, item.value_cents])).toEqual([['Charizard holo', '12000']]);
});

it('refuses a client error as the one error class', () => {
  expect(new CutxDbError('invalid_input', 'x').code).toBe('invalid_input');
});

it('refuses what needs Node, naming what to use instead', async () => {
  const refusal = (() => {
    try {
      void openDb();
    } catch (error) {
      return error;
    }
  })();
  expect(refusal).toMatchObject({ name: 'CutxDbError', code: 'unsupported_runtime' });
  await expect(import('@cutx/db/testing')).rejects.toMatchObject({ code: 'unsupported_runtime' });
  await expect(import('@cutx/db/seeds')).rejects.toMatchObject({ code: 'unsupported_runtime' });
  await expect(import('@cutx/db/server')).rejects.toMatchObject({ code: 'unsupported_runtime' });
});
