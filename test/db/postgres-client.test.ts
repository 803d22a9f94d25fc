import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { dev } from '../../seeds/scenarios/dev.js';
import { seedDatabase } from '../../seeds/seed-database.js';
import { toCutxDbError } from '../../src/db/errors.js';
import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open.js';
import { fromPg } from '../../src/db/pg-client.js';
import { fromPostgres } from '../../src/db/postgres-client.js';
import type { SqlClient, TransactionalClient } from '../../src/db/sql-client.js';
import { tableNames } from '../../src/rows/tables.js';
import type { DbServer } from '../../src/server/db-server-options.js';
import { createEmptyDatabase, type EmptyDatabase } from '../postgres/empty-database.js';
import { engine } from '../support/test-db.js';

// Two empty databases on the engine under test, one written through pg and one through
// postgres.js; each is then read through both.
let folder: string | undefined;
const servers: DbServer[] = [];
let empties: EmptyDatabase[] = [];
let pgA: pg.Client;
let pgB: pg.Client;
let sqlB: postgres.Sql;
let viaPg: TransactionalClient;
let viaPostgres: TransactionalClient;

/**
 * Two databases: empty ones on the postgres engine, migrated through each adapter there;
 * on the pglite engine, served copies of the migrated template, since its server refuses
 * the session lock `migrate` takes, as Hyperdrive does.
 */
async function databaseUrls(): Promise<{ urls: string[]; migrated: boolean }> {
  const serverUrl = process.env.CUTX_TEST_DATABASE_URL;
  if (engine === 'postgres' && serverUrl) {
    empties = [await createEmptyDatabase(serverUrl), await createEmptyDatabase(serverUrl)];
    return { urls: empties.map((empty) => empty.url), migrated: false };
  }
  // From dist/ (built by the global setup): the PGlite engine runs in a worker thread that loads JavaScript.
  const built = '../../dist/src/server/index.js';
  const { startDbServer } = (await import(built)) as typeof import('../../src/server/index.js');
  folder = mkdtempSync(join(tmpdir(), 'cutx-postgres-client-'));
  for (const name of ['a', 'b']) {
    const dataDir = join(folder, name);
    await (await openDb({ dataDir })).close();
    servers.push(await startDbServer({ engine: 'pglite', dataDir }));
  }
  return { urls: servers.map((server) => server.url), migrated: true };
}

// A zone behind UTC, so a date read at UTC midnight (postgres.js's own parser) names the
// day before and fails where the type policy's local midnight passes. Files of a worker run
// one after another, so the zone is restored before the next.
const zone = process.env.TZ;

beforeAll(async () => {
  process.env.TZ = 'America/New_York';
  const { urls, migrated } = await databaseUrls();
  const [a, b] = urls;
  if (a === undefined || b === undefined) throw new Error('two databases expected');
  pgA = new pg.Client({ connectionString: a });
  pgB = new pg.Client({ connectionString: b });
  await Promise.all([pgA.connect(), pgB.connect()]);
  sqlB = postgres(b, { max: 2, onnotice: () => undefined });
  viaPg = fromPg(pgA);
  viaPostgres = fromPostgres(sqlB);
  if (!migrated) {
    // migrate holds a session lock across statements: one reserved connection.
    const reserved = await sqlB.reserve();
    try {
      await migrate(viaPg);
      expect((await migrate(fromPostgres(reserved))).applied.length).toBeGreaterThan(0);
    } finally {
      reserved.release();
    }
  }
  for (const client of [viaPg, viaPostgres]) {
    await seedDatabase(client, { scenario: dev, seed: 7, analyze: false });
  }
});

afterAll(async () => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
  await Promise.all([pgA?.end(), pgB?.end(), sqlB?.end()]);
  for (const server of servers) await server.stop();
  for (const empty of empties) await empty.drop();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

/** A value's JS type, as precise as a comparison needs: Buffer and Uint8Array differ. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return `[${value.map(typeOf).join(',')}]`;
  return (value as object).constructor?.name ?? 'Object';
}

const typesOf = (rows: Record<string, unknown>[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeOf(value)])));

async function tableRows(client: SqlClient, table: string): Promise<Record<string, unknown>[]> {
  return (await client.query(`SELECT * FROM "${table}" ORDER BY 1`)).rows;
}

describe('fromPostgres', () => {
  it('migrates and seeds every table to the same rows as fromPg, read back with the same values and JS types', async () => {
    let compared = 0;
    for (const table of tableNames) {
      const written = await tableRows(viaPg, table);
      const read = await tableRows(viaPostgres, table);
      expect({ table, types: typesOf(read) }).toEqual({ table, types: typesOf(written) });
      expect({ table, rows: read }).toEqual({ table, rows: written });
      compared += read.length;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('reads each row of one database as fromPg reads it', async () => {
    const samePg = fromPg(pgB);
    for (const table of tableNames) {
      const read = await tableRows(viaPostgres, table);
      expect({ table, types: typesOf(read) }).toEqual({ table, types: typesOf(await tableRows(samePg, table)) });
      expect({ table, rows: read }).toEqual({ table, rows: await tableRows(samePg, table) });
    }
  });

  it('reads int8, numeric, date, timestamptz, json, bytea and arrays as pg does', async () => {
    const sql = `SELECT 9007199254740993::int8 AS big, 1.10::numeric AS amount, '2024-02-29'::date AS day,
      '0044-03-15 BC'::date AS ides, 'infinity'::date AS never, '2024-02-29 23:59:59.123456+02'::timestamptz AS at,
      '{"a":[1,2]}'::jsonb AS doc, '\\x00ff'::bytea AS bytes, '{1,NULL,3}'::int8[] AS bigs,
      '{2024-01-01}'::date[] AS days, '{"a b","c"}'::text[] AS words, NULL::int4 AS nothing`;
    const [expected] = (await viaPg.query(sql)).rows;
    const [actual] = (await viaPostgres.query(sql)).rows;
    expect(actual).toEqual(expected);
    expect(typesOf([actual ?? {}])).toEqual(typesOf([expected ?? {}]));
    expect(actual?.big).toBe('9007199254740993');
    expect(actual?.day).toEqual(new Date(2024, 1, 29));
  });

  it('sends parameters as pg does: JSON text unchanged, a Date as its local time, bytes, arrays', async () => {
    const day = new Date(2024, 1, 29);
    const sql = `SELECT $1::json AS doc, json_typeof($1::json) AS kind, $2::date AS day, $3::bytea AS bytes,
      $4::text[] AS words, $5::int8 AS big, $6::boolean AS yes, $7::timestamptz AS at`;
    const params = [
      JSON.stringify([{ a: 1 }]),
      day,
      new Uint8Array([0, 255]),
      ['a "b"', null, 'c\\d'],
      9007199254740993n,
      false,
      new Date(Date.UTC(2024, 0, 1, 12)),
    ];
    const [expected] = (await viaPg.query(sql, params)).rows;
    const [actual] = (await viaPostgres.query(sql, params)).rows;
    expect(actual).toEqual(expected);
    expect(actual?.kind).toBe('array');
    expect(actual?.day).toEqual(day);
    expect(actual?.yes).toBe(false);
  });

  it('passes JSON text where postgres.js alone would send it as a JSON string', async () => {
    const sql = 'SELECT json_typeof($1::json) AS kind';
    const [row] = await sqlB.unsafe(sql, [JSON.stringify([{ a: 1 }])]);
    expect(row?.kind).toBe('string');
    expect((await viaPostgres.query(sql, [JSON.stringify([{ a: 1 }])])).rows).toEqual([{ kind: 'array' }]);
  });

  it('keeps a database error SQLSTATE, constraint and table as pg gives them', async () => {
    const insert = 'INSERT INTO users (id, email) SELECT id, email FROM users LIMIT 1';
    const fromEach = await Promise.all(
      [viaPg, viaPostgres].map((client) =>
        client.query(insert).then(
          () => undefined,
          (error) => toCutxDbError(error),
        ),
      ),
    );
    const fields = fromEach.map((error) => ({
      sqlState: error?.sqlState,
      constraint: error?.constraint,
      table: error?.table,
    }));
    expect(fields[0]?.sqlState).toBe('23505');
    expect(fields[1]).toEqual(fields[0]);
  });

  it('commits a transaction, rolls one back when its callback throws, and nests factories under savepoints', async () => {
    const count = async () =>
      Number((await viaPostgres.query<{ n: string }>('SELECT count(*) AS n FROM users')).rows[0]?.n);
    const before = await count();
    const f = createFactories(viaPostgres, { seed: 99 });
    await expect(
      viaPostgres.transaction(async (tx) => {
        await createFactories(tx, { seed: 98 }).users.create();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await count()).toBe(before);
    const status = viaPostgres as { isInTransaction?: () => boolean };
    expect(status.isInTransaction?.()).toBe(false);
    await viaPostgres.transaction(async (tx) => {
      expect((tx as { isInTransaction?: () => boolean }).isInTransaction?.()).toBe(true);
      const inner = createFactories(tx, { seed: 97 });
      await inner.users.create();
      // A failing create inside undoes itself only: the transaction goes on.
      await expect(inner.users.create({ email: null as never })).rejects.toThrow();
      await inner.users.create();
    });
    expect(await count()).toBe(before + 2);
    await f.users.create();
    expect(await count()).toBe(before + 3);
  });
});
