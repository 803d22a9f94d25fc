import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, runCutxDb, type ServeProcess, startServe, stopServe } from '../cli/cutx-db-process.js';
import { pgClient, withClients } from './pg-clients.js';
import { authenticate, rawSession, sqlState } from './raw-session.js';

const root = mkdtempSync(join(tmpdir(), 'cutx-wire-'));
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

const PASSWORD = 'wire-test-password';

/** A client connects and gets an answer: the server still serves others. */
async function answers(url: string): Promise<void> {
  await withClients(url, 1, async ([client]) => {
    expect((await client?.query('SELECT 1 AS one'))?.rows).toEqual([{ one: 1 }]);
  });
}

/** Sends a CancelRequest for `client`'s running statement, as libpq's PQcancel does. */
async function sendCancel(url: string, client: pg.Client): Promise<void> {
  const { processID, secretKey } = client as unknown as { processID: number; secretKey: number };
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(80_877_102, 4);
  packet.writeInt32BE(processID, 8);
  packet.writeInt32BE(secretKey, 12);
  await rawSession(url, [packet]);
}

describe('cutx-db serve --engine pglite: malformed input', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    server = await startServe(join(root, 'malformed'), ['--password', PASSWORD]);
  });

  afterAll(async () => {
    if (server !== undefined) expect(await stopServe(server)).toBe(0);
  });

  /** `bytes` get a protocol error (08P01) saying `message`, that connection is closed, and the server still answers others. */
  async function refusedAsProtocolError(bytes: Buffer, startup: boolean, message: string): Promise<void> {
    const { received, closed } = await rawSession(server.databaseUrl, [bytes], { startup });
    expect(sqlState(received)).toBe('08P01');
    expect(received.toString('latin1')).toContain(message);
    expect(closed).toBe(true);
    await answers(server.databaseUrl);
  }

  it('answers 51 80 00 00 00 before startup with a protocol error and closes only that connection', async () => {
    await refusedAsProtocolError(Buffer.from([0x51, 0x80, 0, 0, 0]), false, 'invalid length of startup packet');
  });

  it('answers 51 80 00 00 00 after startup (a Query with a negative length) the same way', async () => {
    await refusedAsProtocolError(Buffer.from([0x51, 0x80, 0, 0, 0]), true, 'invalid message length');
  });

  it('closes connections that send random bytes instead of a startup packet', async () => {
    for (let run = 0; run < 5; run++) {
      const { closed } = await rawSession(server.databaseUrl, [randomBytes(64 + run * 100)]);
      expect(closed).toBe(true);
    }
    await answers(server.databaseUrl);
  });

  it('answers an unknown message type after startup with 08P01 and closes that connection', async () => {
    await refusedAsProtocolError(Buffer.from([0x01, 0, 0, 0, 4]), true, 'invalid frontend message type');
  });

  it('refuses a message declared larger than the limit before its bytes arrive', async () => {
    const huge = Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff, 0x53, 0x45]);
    await refusedAsProtocolError(huge, true, "over this server's limit");
  });

  it('keeps answering others while a client streams a large unterminated message', async () => {
    const { hostname, port } = new URL(server.databaseUrl);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await authenticate(socket, chunks, PASSWORD);
    const header = Buffer.alloc(5);
    header.write('Q', 0);
    header.writeInt32BE(60 * 1024 * 1024, 1);
    socket.write(header);
    for (let index = 0; index < 20; index++) socket.write(Buffer.alloc(1024 * 1024, 0x41));
    try {
      await answers(server.databaseUrl);
    } finally {
      socket.destroy();
    }
  });

  it('refuses COPY ... FROM STDIN with a message, and the client goes on', async () => {
    const client = await pgClient(server.databaseUrl);
    try {
      await client.query('CREATE TEMP TABLE copy_probe (n int)').catch(() => undefined);
      await expect(client.query('COPY pg_catalog.pg_class (relname) FROM STDIN')).rejects.toMatchObject({
        code: '0A000',
        message: expect.stringContaining('COPY ... FROM STDIN'),
      });
      expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    } finally {
      await client.end();
    }
    await answers(server.databaseUrl);
  });
});

describe('cutx-db serve --engine pglite: a transaction-mode pool', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    server = await startServe(join(root, 'pool'), [
      '--password',
      PASSWORD,
      '--max-connections',
      '6',
      '--idle-in-transaction-timeout',
      '2',
    ]);
  });

  afterAll(async () => {
    if (server !== undefined) expect(await stopServe(server)).toBe(0);
  });

  it('keeps SET, temp tables and TimeZone to one transaction of one client', async () => {
    const seen = async (client: pg.Client) => ({
      zone: (await client.query('SHOW TimeZone')).rows[0],
      path: (await client.query('SHOW search_path')).rows[0],
      readOnly: (await client.query('SHOW default_transaction_read_only')).rows[0],
      temp: (await client.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'session_probe'")).rows[0],
    });
    await withClients(server.databaseUrl, 2, async ([a, b]) => {
      if (a === undefined || b === undefined) throw new Error('no clients');
      const defaults = await seen(b);
      expect(defaults.zone).toEqual({ TimeZone: 'UTC' });
      await a.query('BEGIN');
      await a.query(
        "SET search_path TO pg_catalog; SET TimeZone TO 'America/New_York'; SET default_transaction_read_only = on",
      );
      await a.query('CREATE TEMP TABLE session_probe (n int)');
      expect(await seen(a)).toEqual({
        zone: { TimeZone: 'America/New_York' },
        path: { search_path: 'pg_catalog' },
        readOnly: { default_transaction_read_only: 'on' },
        temp: { n: 1 },
      });
      await a.query('COMMIT');
      expect(await seen(b)).toEqual(defaults);
      expect(await seen(a)).toEqual(defaults);
    });
  });

  it('gives each client its own named statements (pg and postgres.js)', async () => {
    const sql = postgres(server.databaseUrl, { max: 2, onnotice: () => undefined });
    try {
      await withClients(server.databaseUrl, 2, async ([a, b]) => {
        if (a === undefined || b === undefined) throw new Error('no clients');
        for (let round = 0; round < 3; round++) {
          const [fromA, fromB] = await Promise.all([
            a.query({ name: 'probe', text: 'SELECT $1::int + 1 AS n', values: [round] }),
            b.query({ name: 'probe', text: "SELECT $1::text || '!' AS s", values: [`r${round}`] }),
          ]);
          expect(fromA.rows).toEqual([{ n: round + 1 }]);
          expect(fromB.rows).toEqual([{ s: `r${round}!` }]);
        }
      });
      const rows = await Promise.all([1, 2, 3, 4].map((n) => sql`SELECT ${n}::int * 10 AS n`));
      expect(rows.map((result) => result[0]?.n)).toEqual([10, 20, 30, 40]);
    } finally {
      await sql.end();
    }
  });

  it.each([
    ['LISTEN jobs'],
    ["NOTIFY jobs, 'x'"],
    ["SELECT pg_notify('jobs', 'x')"],
    ['PREPARE probe AS SELECT 1'],
    ['EXECUTE probe'],
    ['DEALLOCATE ALL'],
    ['DISCARD ALL'],
    ['SELECT pg_advisory_lock(1)'],
    ['SELECT pg_try_advisory_xact_lock(1)'],
  ])('refuses %s, saying Hyperdrive does not support it', async (statement) => {
    const client = await pgClient(server.databaseUrl);
    try {
      await expect(client.query(statement)).rejects.toMatchObject({
        code: '0A000',
        message: expect.stringContaining('Hyperdrive does not support'),
      });
      await client.query('BEGIN');
      await expect(client.query(statement)).rejects.toMatchObject({ code: '0A000' });
      // As on a real server, the error aborted the transaction block.
      await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
      await client.query('ROLLBACK');
      expect((await client.query("SELECT 'still here' AS s")).rows).toEqual([{ s: 'still here' }]);
    } finally {
      await client.end();
    }
  });

  it('does not refuse those words inside literals, identifiers or comments', async () => {
    const client = await pgClient(server.databaseUrl);
    try {
      const { rows } = await client.query(
        `SELECT 'LISTEN; NOTIFY x; pg_advisory_lock(1)' AS "discard", $$EXECUTE p$$ AS e -- PREPARE x
         /* DEALLOCATE ALL */`,
      );
      expect(rows).toEqual([{ discard: 'LISTEN; NOTIFY x; pg_advisory_lock(1)', e: 'EXECUTE p' }]);
    } finally {
      await client.end();
    }
  });

  it('rolls back a transaction idle past the limit, tells its client, and lets the others go on', async () => {
    await withClients(server.databaseUrl, 2, async ([idle, other]) => {
      if (idle === undefined || other === undefined) throw new Error('no clients');
      const ended = new Promise<unknown>((resolve) => idle.once('error', resolve));
      await other.query('CREATE TABLE IF NOT EXISTS idle_probe (label text)');
      await idle.query('BEGIN');
      await idle.query("INSERT INTO idle_probe VALUES ('never committed')");
      // It waits for the idle transaction to be ended, and then sees nothing of it.
      const { rows } = await other.query('SELECT count(*)::int AS n FROM idle_probe');
      expect(rows).toEqual([{ n: 0 }]);
      expect(await ended).toMatchObject({ code: '25P03' });
      await expect(idle.query('COMMIT')).rejects.toThrow();
    });
  });

  it("enforces statement_timeout by stopping the statement, and keeps other clients' prepared statements", async () => {
    await withClients(server.databaseUrl, 2, async ([prepared, slow]) => {
      if (prepared === undefined || slow === undefined) throw new Error('no clients');
      await prepared.query({ name: 'kept', text: 'SELECT $1::int AS n', values: [1] });
      await expect(slow.query('SET statement_timeout = 300; SELECT pg_sleep(600)')).rejects.toMatchObject({
        code: '57014',
        message: expect.stringContaining('statement timeout'),
      });
      expect((await slow.query('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
      expect((await prepared.query({ name: 'kept', text: 'SELECT $1::int AS n', values: [7] })).rows).toEqual([
        { n: 7 },
      ]);
    });
  });

  it('honours a cancel request', async () => {
    await withClients(server.databaseUrl, 1, async ([client]) => {
      if (client === undefined) throw new Error('no client');
      const sleeping = client.query('SELECT pg_sleep(600)').then(
        () => undefined,
        (error: unknown) => error,
      );
      let settled = false;
      void sleeping.then(() => {
        settled = true;
      });
      // A cancel that arrives before the statement runs has nothing to stop: sent again until one does.
      while (!settled) {
        await sendCancel(server.databaseUrl, client);
        await Promise.race([sleeping, new Promise((resolve) => setTimeout(resolve, 500))]);
      }
      expect(await sleeping).toMatchObject({ code: '57014' });
      expect((await client.query('SELECT 4 AS n')).rows).toEqual([{ n: 4 }]);
    });
  });

  it('answers too many clients (53300) over --max-connections', async () => {
    const held: pg.Client[] = [];
    try {
      while (held.length < 6) {
        const client = await pgClient(server.databaseUrl).catch((error: unknown) => error);
        if (client instanceof pg.Client) held.push(client);
        // A connection an earlier test closed may not have left the server yet: try again.
        else if ((client as { code?: string }).code === '53300')
          await new Promise((resolve) => setTimeout(resolve, 100));
        else throw client;
      }
      await expect(pgClient(server.databaseUrl)).rejects.toMatchObject({ code: '53300' });
    } finally {
      await Promise.all(held.map((client) => client.end().catch(() => undefined)));
    }
  });

  it('requires the password and the postgres role', async () => {
    const wrong = new URL(server.databaseUrl);
    wrong.password = 'wrong';
    await expect(pgClient(wrong.href)).rejects.toMatchObject({ code: '28P01' });
    const other = new URL(server.databaseUrl);
    other.username = 'admin';
    await expect(pgClient(other.href)).rejects.toMatchObject({ code: '28000' });
  });
});

describe('cutx-db serve --engine pglite: where it listens', () => {
  it('refuses a non-loopback --host unless --allow-remote and --password are both given', async () => {
    for (const extra of [[], ['--allow-remote'], ['--password', PASSWORD]]) {
      const result = await runCutxDb([
        'serve',
        '--data-dir',
        join(root, 'remote'),
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        ...extra,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Refusing to listen on 0.0.0.0');
    }
  });

  it('ends on SIGTERM while a client statement is running', async () => {
    const server = await startServe(join(root, 'busy'));
    const client = await pgClient(server.databaseUrl);
    try {
      const sleeping = client.query('SELECT pg_sleep(600)').catch((error: unknown) => error);
      // The statement is sent; whether it has reached the engine yet, the answer is the same.
      await new Promise((resolve) => setImmediate(resolve));
      expect(await stopServe(server)).toBe(0);
      expect(await sleeping).toMatchObject({ code: '57P01' });
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  it('prints a random password when none is given', async () => {
    const server = await startServe(join(root, 'random-password'));
    try {
      expect(new URL(server.databaseUrl).password).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      expect(await stopServe(server)).toBe(0);
    }
  });
});
