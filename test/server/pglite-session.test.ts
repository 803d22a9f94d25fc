import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontendMessage } from '../../src/server/pglite/protocol/backend-messages.js';
import { killAll, type ServeProcess, startServe, stopServe } from '../cli/cutx-db-process.js';
import { pgClient, withClients } from './pg-clients.js';
import { endsReady, rawSession, sqlState } from './raw-session.js';

// PGlite is one backend session shared by every client of `cutx-db serve`: these tests are
// what one client can do to it, and what the next client must (not) see.

const root = mkdtempSync(join(tmpdir(), 'cutx-session-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

const ADVISORY_LOCKS = "SELECT count(*)::text AS v FROM pg_locks WHERE locktype = 'advisory'";

/** A kind of session state: how a client sets it, and how it reads back. */
interface SessionState {
  name: string;
  set: string[];
  probe: string;
  /** What the setting client reads inside its transaction (proves the setting took); undefined: not observable there. */
  changed: string | undefined;
  /** What every client reads once that transaction has ended. */
  fresh: string;
}

const identity = "SELECT session_user || '/' || current_user AS v";
const timeZone = "SELECT current_setting('TimeZone') AS v";

const sessionStates: SessionState[] = [
  {
    name: 'SET SESSION AUTHORIZATION',
    set: ['SET SESSION AUTHORIZATION svc_probe'],
    probe: identity,
    changed: 'svc_probe/svc_probe',
    fresh: 'postgres/postgres',
  },
  {
    name: 'SET LOCAL SESSION AUTHORIZATION (committed)',
    set: ['SET LOCAL SESSION AUTHORIZATION svc_probe'],
    probe: identity,
    changed: 'svc_probe/svc_probe',
    fresh: 'postgres/postgres',
  },
  {
    name: 'SET SESSION AUTHORIZATION inside a DO block',
    set: ["DO $$BEGIN EXECUTE 'SET SESSION AUTHORIZATION svc_probe'; END$$"],
    probe: identity,
    changed: 'svc_probe/svc_probe',
    fresh: 'postgres/postgres',
  },
  {
    name: 'SET ROLE',
    set: ['SET ROLE svc_probe'],
    probe: identity,
    changed: 'postgres/svc_probe',
    fresh: 'postgres/postgres',
  },
  {
    name: 'SET of a GUC',
    set: ["SET TimeZone = 'Asia/Tokyo'"],
    probe: timeZone,
    changed: 'Asia/Tokyo',
    fresh: 'UTC',
  },
  {
    name: 'set_config(..., false)',
    set: ["SELECT set_config('TimeZone', 'Asia/Tokyo', false)"],
    probe: timeZone,
    changed: 'Asia/Tokyo',
    fresh: 'UTC',
  },
  {
    name: 'set_config inside a DO block',
    set: ["DO $$BEGIN PERFORM set_config('TimeZone', 'Asia/Tokyo', false); END$$"],
    probe: timeZone,
    changed: 'Asia/Tokyo',
    fresh: 'UTC',
  },
  {
    name: 'standard_conforming_strings = off',
    set: ['SET standard_conforming_strings = off'],
    probe: "SELECT current_setting('standard_conforming_strings') AS v",
    changed: 'off',
    fresh: 'on',
  },
  {
    name: 'a temp table',
    set: ['CREATE TEMP TABLE probe_temp (n int)'],
    probe: "SELECT count(*)::text AS v FROM pg_class WHERE relname = 'probe_temp'",
    changed: '1',
    fresh: '0',
  },
  {
    name: 'PREPARE smuggled in through a DO block',
    set: ["DO $$BEGIN EXECUTE 'PREPARE pp AS SELECT 42'; END$$"],
    probe: "SELECT count(*)::text AS v FROM pg_prepared_statements WHERE name = 'pp'",
    changed: '1',
    fresh: '0',
  },
  {
    name: 'a cursor WITH HOLD',
    set: ['DECLARE probe_cursor CURSOR WITH HOLD FOR SELECT 1'],
    probe: "SELECT count(*)::text AS v FROM pg_cursors WHERE name = 'probe_cursor'",
    changed: '1',
    fresh: '0',
  },
  {
    name: 'an advisory lock taken in a DO block',
    set: ['DO $$BEGIN PERFORM pg_advisory_lock(4201); END$$'],
    probe: ADVISORY_LOCKS,
    changed: '1',
    fresh: '0',
  },
  {
    name: 'an advisory lock through a SQL function',
    set: [
      'CREATE OR REPLACE FUNCTION probe_lock() RETURNS void LANGUAGE sql AS $$SELECT pg_advisory_lock(4202)$$',
      'SELECT probe_lock()',
    ],
    probe: ADVISORY_LOCKS,
    changed: '1',
    fresh: '0',
  },
  {
    name: 'an advisory lock called by an escaped U& name',
    set: [String.raw`SELECT U&"pg_\0061dvisory_lock"(4203)`],
    probe: ADVISORY_LOCKS,
    changed: '1',
    fresh: '0',
  },
  {
    name: 'LISTEN inside a DO block',
    set: ["DO $$BEGIN EXECUTE 'LISTEN probe_channel'; END$$"],
    probe: "SELECT count(*)::text AS v FROM pg_listening_channels() AS c WHERE c = 'probe_channel'",
    // A LISTEN takes effect at commit, when the server's reset has already undone it.
    changed: undefined,
    fresh: '0',
  },
];

const value = async (client: pg.Client, sql: string) => (await client.query<{ v: string }>(sql)).rows[0]?.v;

describe('cutx-db serve --engine pglite: one session shared by every client', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    server = await startServe(join(root, 'session'));
    await withClients(server.databaseUrl, 1, async ([admin]) => {
      await admin?.query('CREATE ROLE svc_probe; CREATE TABLE probe_users (n int); INSERT INTO probe_users VALUES (1)');
    });
  });

  afterAll(async () => {
    if (server !== undefined) expect(await stopServe(server)).toBe(0);
  });

  it.each(sessionStates)('returns $name to the default when the transaction ends', async (state) => {
    await withClients(server.databaseUrl, 2, async ([a, b]) => {
      if (a === undefined || b === undefined) throw new Error('no clients');
      expect(await value(b, state.probe)).toBe(state.fresh);
      await a.query('BEGIN');
      for (const statement of state.set) await a.query(statement);
      if (state.changed !== undefined) expect(await value(a, state.probe)).toBe(state.changed);
      await a.query('COMMIT');
      expect(await value(b, state.probe)).toBe(state.fresh);
      expect(await value(a, state.probe)).toBe(state.fresh);
      // The identity is the server's own again: the table the probe role may not read is readable.
      expect((await b.query('SELECT n FROM probe_users')).rows).toEqual([{ n: 1 }]);
    });
  });

  it('resets a SET SESSION AUTHORIZATION sent alone, outside a transaction block', async () => {
    await withClients(server.databaseUrl, 2, async ([a, b]) => {
      if (a === undefined || b === undefined) throw new Error('no clients');
      await a.query('SET SESSION AUTHORIZATION svc_probe');
      expect(await value(b, identity)).toBe('postgres/postgres');
      await expect(a.query('SET SESSION AUTHORIZATION svc_probe; SELECT n FROM probe_users')).rejects.toMatchObject({
        code: '42501',
      });
      expect((await b.query('SELECT n FROM probe_users')).rows).toEqual([{ n: 1 }]);
    });
  });

  it('resets the session even when a client has made a step of the reset fail', async () => {
    await withClients(server.databaseUrl, 2, async ([a, b]) => {
      if (a === undefined || b === undefined) throw new Error('no clients');
      // The reset's DO block (which drops SQL-prepared statements) then fails.
      await a.query('ALTER LANGUAGE plpgsql RENAME TO plpgsql_renamed');
      try {
        await a.query("SET SESSION AUTHORIZATION svc_probe; SET TimeZone = 'Asia/Tokyo'");
        expect(await value(b, identity)).toBe('postgres/postgres');
        expect(await value(b, timeZone)).toBe('UTC');
      } finally {
        await a.query('ALTER LANGUAGE plpgsql_renamed RENAME TO plpgsql');
      }
    });
  });

  it("keeps a client's protocol-level prepared statement from another client of the same name", async () => {
    await withClients(server.databaseUrl, 2, async ([a, b]) => {
      if (a === undefined || b === undefined) throw new Error('no clients');
      expect((await a.query({ name: 'probe', text: 'SELECT 1 AS n' })).rows).toEqual([{ n: 1 }]);
      expect((await b.query({ name: 'probe', text: 'SELECT 2 AS n' })).rows).toEqual([{ n: 2 }]);
      expect((await a.query({ name: 'probe', text: 'SELECT 1 AS n' })).rows).toEqual([{ n: 1 }]);
    });
  });

  it.each([
    ['a quoted function name', 'SELECT "pg_advisory_lock"(1)'],
    ['a U& function name', 'SELECT U&"pg_advisory_unlock_all"()'],
    ['a quoted pg_notify', `SELECT "pg_notify"('jobs', 'x')`],
  ])('refuses an advisory lock or notify called by %s', async (_, statement) => {
    await withClients(server.databaseUrl, 1, async ([a]) => {
      await expect(a?.query(statement)).rejects.toMatchObject({ code: '0A000' });
    });
  });

  it.each([
    ['LISTEN jobs'],
    ['PREPARE hidden AS SELECT 1'],
    ['EXECUTE hidden'],
    ['DISCARD ALL'],
    ['SELECT pg_advisory_lock(1)'],
  ])("refuses %s hidden after 'x\\'' once standard_conforming_strings is off", async (hidden) => {
    await withClients(server.databaseUrl, 1, async ([a]) => {
      if (a === undefined) throw new Error('no client');
      // Off from the next message on: a message is read whole before its SET runs.
      await a.query('BEGIN');
      await a.query('SET standard_conforming_strings = off');
      // The boundary: the quote the backslash escapes is read as the engine reads it.
      expect((await a.query(String.raw`SELECT 'x\'' AS v`)).rows).toEqual([{ v: "x'" }]);
      await expect(a.query(String.raw`SELECT 'x\''; ${hidden}`)).rejects.toMatchObject({ code: '0A000' });
      await a.query('ROLLBACK');
    });
  });

  it('lets no client receive a notification a rule raises (DO ALSO NOTIFY): nobody listens past a transaction', async () => {
    await withClients(server.databaseUrl, 2, async ([a, b]) => {
      if (a === undefined || b === undefined) throw new Error('no clients');
      const received: unknown[] = [];
      a.on('notification', (message) => received.push(message));
      b.on('notification', (message) => received.push(message));
      await a.query('CREATE TABLE IF NOT EXISTS rule_probe (n int)');
      await a.query('CREATE OR REPLACE RULE rule_probe_notify AS ON INSERT TO rule_probe DO ALSO NOTIFY probe_channel');
      await b.query("BEGIN; DO $$BEGIN EXECUTE 'LISTEN probe_channel'; END$$; COMMIT");
      await a.query('INSERT INTO rule_probe VALUES (1)');
      await b.query('SELECT 1');
      await a.query('SELECT 1');
      expect(received).toEqual([]);
      expect(await value(b, 'SELECT count(*)::text AS v FROM pg_listening_channels()')).toBe('0');
    });
  });

  it('releases an advisory lock taken by a FunctionCall message when its call ends', async () => {
    // FunctionCall for pg_advisory_lock(bigint) (OID 2880), one text argument, a text result.
    const argument = Buffer.from('4204');
    const body = Buffer.alloc(4 + 2 + 2 + 4 + argument.length + 2);
    let at = body.writeInt32BE(2880, 0);
    at = body.writeInt16BE(0, at);
    at = body.writeInt16BE(1, at);
    at = body.writeInt32BE(argument.length, at);
    at += argument.copy(body, at);
    body.writeInt16BE(0, at);
    const { received } = await rawSession(server.databaseUrl, [frontendMessage('F', body)], {
      startup: true,
      until: endsReady,
    });
    // 'V': FunctionCallResponse, the lock was taken.
    expect(sqlState(received)).toBeUndefined();
    expect(received[0]).toBe(0x56);
    await withClients(server.databaseUrl, 1, async ([b]) => {
      if (b === undefined) throw new Error('no client');
      expect(await value(b, ADVISORY_LOCKS)).toBe('0');
    });
  });

  describe('statement_timeout, however it is set', () => {
    /** `run` must end in 57014 (statement timeout); the client may be closed by it. */
    async function timesOut(run: (client: pg.Client) => Promise<unknown>, config: pg.ClientConfig = {}): Promise<void> {
      const client = await pgClient(server.databaseUrl, config);
      try {
        await expect(run(client)).rejects.toMatchObject({ code: '57014' });
      } finally {
        await client.end().catch(() => undefined);
      }
      // The engine was restarted under it, and serves the next client.
      await withClients(server.databaseUrl, 1, async ([next]) => {
        expect((await next?.query('SELECT 5 AS n'))?.rows).toEqual([{ n: 5 }]);
      });
    }

    it('SET in the same message', async () => {
      await timesOut((client) => client.query('SET statement_timeout = 300; SELECT pg_sleep(60)'));
    });

    it('SET LOCAL in the transaction', async () => {
      await timesOut(async (client) => {
        await client.query('BEGIN');
        await client.query('SET LOCAL statement_timeout = 300');
        await client.query('SELECT pg_sleep(60)');
      });
    });

    it.each([
      ['true', 'in the transaction', true],
      ['false', 'in the transaction', true],
      ['true', 'in the same message', false],
    ])('set_config(..., %s) %s', async (local, _, separate) => {
      await timesOut(async (client) => {
        const setConfig = `SELECT set_config('statement_timeout', '300', ${local})`;
        if (separate) {
          await client.query('BEGIN');
          await client.query(setConfig);
          await client.query('SELECT pg_sleep(60)');
        } else await client.query(`${setConfig}; SELECT pg_sleep(60)`);
      });
    });

    it('set_config with bound parameters', async () => {
      await timesOut(async (client) => {
        await client.query('BEGIN');
        await client.query('SELECT set_config($1, $2, true)', ['statement_timeout', '300']);
        await client.query('SELECT pg_sleep(60)');
      });
    });

    it('the startup options', async () => {
      await timesOut((client) => client.query('SELECT pg_sleep(60)'), { options: '-c statement_timeout=300' });
    });

    it('lets a statement within its timeout finish', async () => {
      await withClients(server.databaseUrl, 1, async ([client]) => {
        await client?.query('BEGIN');
        await client?.query("SELECT set_config('statement_timeout', '50000', true)");
        expect((await client?.query('SELECT pg_sleep(0.2), 6 AS n'))?.rows).toEqual([{ pg_sleep: '', n: 6 }]);
        await client?.query('COMMIT');
      });
    });
  });
});
