// One request per route of the scratch Worker (test/workers) running under `wrangler dev`,
// against the seeded database in $DATABASE_URL, each answer checked against that database.
// Usage: DATABASE_URL=... node scripts/workers-routes.mjs http://127.0.0.1:<port>
import assert from 'node:assert/strict';
import pg from 'pg';

const [base] = process.argv.slice(2);
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();

/** wrangler dev answers once it has built and started the Worker. */
async function ready() {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      return await fetch(`${base}/`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

try {
  assert.equal((await ready()).status, 404);
  const {
    rows: [user],
  } = await db.query('SELECT user_id, balance FROM credit_balances WHERE balance >= 1 ORDER BY user_id LIMIT 1');
  assert.ok(user, 'the seeded database has a user with credits');
  const balance = await (await fetch(`${base}/users/${user.user_id}/balance`)).json();
  assert.deepEqual(balance, { balance: user.balance });
  console.log(`GET balance: ${JSON.stringify(balance)}`);

  const {
    rows: [item],
  } = await db.query('SELECT user_id, name FROM inventory_items ORDER BY id LIMIT 1');
  assert.ok(item, 'the seeded database has inventory');
  const q = item.name.slice(1, 6).toLowerCase();
  const found = await (await fetch(`${base}/users/${item.user_id}/inventory?q=${encodeURIComponent(q)}`)).json();
  assert.ok(
    found.items.some((row) => row.name === item.name),
    `searching '${q}' finds '${item.name}'`,
  );
  console.log(`GET inventory?q=${q}: ${found.items.length} items, '${item.name}' among them`);

  const body = JSON.stringify({
    type: 'copy',
    idempotencyKey: `ci-${Date.now()}`,
    creditsCost: 1,
    inputParams: { prompt: 'ci' },
  });
  const post = () => fetch(`${base}/users/${user.user_id}/jobs`, { method: 'POST', body });
  const first = await post();
  const again = await post();
  assert.equal(first.status, 201);
  assert.equal(again.status, 200);
  const [a, b] = [await first.json(), await again.json()];
  assert.equal(b.id, a.id);
  const after = await (await fetch(`${base}/users/${user.user_id}/balance`)).json();
  assert.deepEqual(after, { balance: user.balance - 1 });
  console.log(`POST jobs twice with one idempotency key: one job ${a.id}, balance ${user.balance} -> ${after.balance}`);
} finally {
  await db.end();
}
