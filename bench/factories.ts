/**
 * Rows per second for inventory_items: createList on PGlite and through the bare SqlClient
 * interface (as on a pg client), a loop of create(), and for reference a raw COPY and a raw
 * INSERT ... unnest of the same rows built beforehand (timed without the build).
 *
 *   npx tsx bench/factories.ts [rows]
 */
import { copyRows, createFactories, insertRows } from '../factories/index.js';
import type { CutxDb } from '../src/db/open.js';
import type { SqlClient } from '../src/db/sql-client.js';
import { tables } from '../src/rows/index.js';
import { createTestDb } from '../src/testing/create-test-db.js';

const rows = Number(process.argv[2] ?? 10_000);
const loopRows = Math.min(rows, 1_000);

/** Runs `setup` untimed, then times `run` on a fresh database; prints and returns rows/s. */
async function measure<T>(
  label: string,
  count: number,
  setup: (db: CutxDb) => Promise<T>,
  run: (input: T, db: CutxDb) => Promise<unknown>,
) {
  const db = await createTestDb();
  const input = await setup(db);
  const start = performance.now();
  await run(input, db);
  const perSecond = count / ((performance.now() - start) / 1000);
  await db.close();
  console.log(
    `${label.padEnd(44)} ${String(count).padStart(6)} rows ${Math.round(perSecond).toLocaleString('en').padStart(8)} rows/s`,
  );
  return perSecond;
}

const bare = (db: SqlClient): SqlClient => ({
  query: (sql, params) => db.query(sql, params),
  exec: (sql) => db.exec(sql),
});
const withUser = async (client: SqlClient) => {
  const f = createFactories(client, { seed: 1 });
  return { f, user: await f.users.create() };
};
const prebuilt = async (db: CutxDb) => {
  const { f, user } = await withUser(db);
  return f.inventoryItems.buildList(rows, { user });
};

const list = await measure('createList, PGlite', rows, withUser, ({ f, user }) =>
  f.inventoryItems.createList(rows, { user }),
);
const listBare = await measure(
  'createList, bare SqlClient',
  rows,
  (db) => withUser(bare(db)),
  ({ f, user }) => f.inventoryItems.createList(rows, { user }),
);
const loop = await measure('loop of create()', loopRows, withUser, async ({ f, user }) => {
  for (let i = 0; i < loopRows; i++) await f.inventoryItems.create({ user });
});
const copy = await measure('raw COPY of prebuilt rows', rows, prebuilt, (built, db) =>
  copyRows(db, tables.inventory_items, Object.keys(built[0] ?? {}), built),
);
const unnest = await measure('raw INSERT ... unnest RETURNING *, prebuilt', rows, prebuilt, (built, db) =>
  insertRows(db, tables.inventory_items, built),
);

console.log(
  `createList: ${(list / loop).toFixed(1)}x a loop of create(), ${(list / copy).toFixed(2)}x raw COPY, ` +
    `${(list / unnest).toFixed(2)}x raw unnest; bare SqlClient ${(listBare / copy).toFixed(2)}x raw COPY`,
);
