import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { camelCase } from '../../factories/traits.js';
import { openDb } from '../../src/db/open.js';
import { fromPg } from '../../src/db/pg-client.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { metadata, type TableName } from '../../src/rows/index.js';
import { createPgTestDb } from '../../src/testing/pg-test-db.js';
import { killAll, type ServeProcess, startServe, stopServe } from '../cli/cutx-db-process.js';

type Rows = Record<string, Record<string, unknown>[]>;

const names = Object.keys(metadata.tables) as TableName[];
const dateColumns = (table: TableName) =>
  Object.entries(metadata.tables[table].columns)
    .filter(([, column]) => column.baseType === 'date')
    .map(([name]) => name);

// A zone east of UTC: a date read as UTC midnight differs from one at local midnight, and
// local midnight's UTC text names the day before (a write through it would shift the day).
const ZONE = 'Asia/Tokyo';
const NEW_YEAR = () => new Date(2025, 0, 1);
const serverUrl = process.env.CUTX_TEST_DATABASE_URL;
const root = mkdtempSync(join(tmpdir(), 'cutx-types-'));
const previousZone = process.env.TZ;

let url: string;
let made: Rows;
let closeTarget: () => Promise<void>;

/** One factory row in every table (and the rows triggers and parents add). */
async function makeRows(client: SqlClient): Promise<void> {
  const factories = createFactories(client, { seed: 3 }) as unknown as Record<
    string,
    { create(overrides?: object): Promise<unknown> }
  >;
  for (const table of names) await factories[camelCase(table)]?.create();
  await factories.campaignAnalytics?.create({ date: NEW_YEAR() });
}

/** Every table's rows, by id, as `query` returns them. */
async function readAll(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Rows> {
  const rows: Rows = {};
  // Identifiers from the generated metadata, never from input.
  for (const table of names) rows[table] = await query(`SELECT * FROM "${table}" ORDER BY id`);
  return rows;
}

beforeAll(async () => {
  process.env.TZ = ZONE;
  if (serverUrl) {
    const db = await createPgTestDb(serverUrl);
    url = db.url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const adapted = fromPg(client);
    await makeRows(adapted);
    made = await readAll(async (sql) => (await adapted.query<Record<string, unknown>>(sql)).rows);
    await client.end();
    closeTarget = () => db.close();
  } else {
    // The rows are made and read in this process on PGlite, then served to the drivers.
    const dataDir = join(root, 'data');
    const db = await openDb({ dataDir });
    await makeRows(db);
    made = await readAll(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
    await db.close();
    const server: ServeProcess = await startServe(dataDir);
    url = server.databaseUrl;
    closeTarget = async () => {
      await stopServe(server);
    };
  }
});

afterAll(async () => {
  await closeTarget?.();
  killAll();
  rmSync(root, { recursive: true, force: true });
  if (previousZone === undefined) delete process.env.TZ;
  else process.env.TZ = previousZone;
});

/** A Buffer as the plain Uint8Array the policy names (pg and postgres.js return Buffers). */
const plainBytes = (rows: Rows): Rows =>
  Object.fromEntries(
    Object.entries(rows).map(([table, list]) => [
      table,
      list.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, value instanceof Uint8Array ? new Uint8Array(value) : value]),
        ),
      ),
    ]),
  );

describe(`the type policy (${serverUrl ? 'PostgreSQL' : 'PGlite served'}, TZ=${ZONE})`, () => {
  it('reads the factory rows through pg exactly as the factories and this package read them', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const read = await readAll(async (sql) => (await client.query(sql)).rows);
      expect(Object.values(read).every((rows) => rows.length > 0)).toBe(true);
      expect(plainBytes(read)).toEqual(plainBytes(made));
      const item = made.inventory_items?.[0];
      expect(typeof item?.cost_cents).toBe('string');
      const days = (made.campaign_analytics ?? []).map((row) => row.date as Date);
      expect(days.every((day) => day.getHours() === 0 && day.getMinutes() === 0)).toBe(true);
      // A factory given a local-midnight Date stores that very day.
      expect(days.map((day) => day.getTime())).toContain(NEW_YEAR().getTime());
    } finally {
      await client.end();
    }
  });

  it('reads them through postgres.js alike, a date being UTC midnight of the same day', async () => {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const read = await readAll(async (text) => [...(await sql.unsafe(text))]);
      // postgres.js parses a date as UTC midnight: the same calendar day, read in UTC.
      for (const table of names) {
        for (const row of read[table] ?? []) {
          for (const column of dateColumns(table)) {
            const value = row[column];
            if (value instanceof Date) {
              row[column] = new Date(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate());
            }
          }
        }
      }
      expect(plainBytes(read)).toEqual(plainBytes(made));
    } finally {
      await sql.end();
    }
  });
});
