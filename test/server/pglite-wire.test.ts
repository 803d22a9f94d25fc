import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, runCutxDb, type ServeProcess, startServe, stopServe } from '../cli/cutx-db-process.js';
import { engine } from '../support/test-db.js';

// Made only when the tests run: a skipped file runs no afterAll to remove it.
const root = engine === 'postgres' ? '' : mkdtempSync(join(tmpdir(), 'cutx-wire-'));
afterAll(() => {
  killAll();
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

const PASSWORD = 'wire-test-password';

/** A raw connection: what it received, and whether the server closed it. */
async function rawSession(
  url: string,
  bytes: Buffer[],
  { startup = false } = {},
): Promise<{ received: Buffer; closed: boolean }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = once(socket, 'close').then(() => true);
  if (startup) await authenticate(socket, chunks);
  for (const chunk of bytes) socket.write(chunk);
  const result = await Promise.race([closed, new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000))]);
  socket.destroy();
  return { received: Buffer.concat(chunks), closed: result };
}

/** Startup and md5 password on a raw socket, up to the first ReadyForQuery. */
async function authenticate(socket: Socket, chunks: Buffer[]): Promise<void> {
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196_608, 4);
  params.copy(startup, 8);
  socket.write(startup);
  const salt = await waitFor(chunks, (all) => (all.length >= 13 && all[0] === 0x52 ? all.subarray(9, 13) : undefined));
  const { createHash } = await import('node:crypto');
  const inner = createHash('md5').update(`${PASSWORD}postgres`).digest('hex');
  const hash = `md5${createHash('md5').update(inner).update(salt).digest('hex')}\0`;
  const message = Buffer.alloc(5 + hash.length);
  message.write('p', 0);
  message.writeInt32BE(4 + hash.length, 1);
  message.write(hash, 5);
  socket.write(message);
  await waitFor(chunks, (all) => (all.includes(Buffer.from([0x5a, 0, 0, 0, 5, 0x49])) ? true : undefined));
  chunks.length = 0;
}

async function waitFor<T>(chunks: Buffer[], test: (all: Buffer) => T | undefined): Promise<T> {
  for (let waited = 0; waited < 5000; waited += 10) {
    const found = test(Buffer.concat(chunks));
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no answer from the server');
}

/** The SQLSTATE of the first ErrorResponse in `bytes`. */
function sqlState(bytes: Buffer): string | undefined {
  const at = bytes.indexOf(0x45);
  if (at < 0) return undefined;
  return /C([0-9A-Z]{5})\0/.exec(bytes.subarray(at).toString('latin1'))?.[1];
}

async function answersWithinASecond(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000, query_timeout: 1000 });
  client.on('error', () => undefined);
  const started = performance.now();
  try {
    await client.connect();
    const { rows } = await client.query('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
    expect(performance.now() - started).toBeLessThan(1000);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pgClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe.skipIf(engine === 'postgres')('cutx-db serve --engine pglite: malformed input', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    server = await startServe(join(root, 'malformed'), ['--password', PASSWORD]);
    // The first statements of a fresh engine are slower (WASM warm-up): not what is measured.
    await answersWithinASecond(server.databaseUrl).catch(() => undefined);
  });

  afterAll(async () => {
    if (server === undefined) return;
    const started = performance.now();
    expect(await stopServe(server)).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  /** `bytes` get a protocol error (08P01) saying `message`, that connection is closed, and the server still answers others. */
  async function refusedAsProtocolError(bytes: Buffer, startup: boolean, message: string): Promise<void> {
    const { received, closed } = await rawSession(server.databaseUrl, [bytes], { startup });
    expect(sqlState(received)).toBe('08P01');
    expect(received.toString('latin1')).toContain(message);
    expect(closed).toBe(true);
    await answersWithinASecond(server.databaseUrl);
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
    await answersWithinASecond(server.databaseUrl);
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
    await authenticate(socket, chunks);
    const header = Buffer.alloc(5);
    header.write('Q', 0);
    header.writeInt32BE(60 * 1024 * 1024, 1);
    socket.write(header);
    for (let index = 0; index < 20; index++) socket.write(Buffer.alloc(1024 * 1024, 0x41));
    await answersWithinASecond(server.databaseUrl);
    socket.destroy();
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
    await answersWithinASecond(server.databaseUrl);
  });
});

describe.skipIf(engine === 'postgres')('cutx-db serve --engine pglite: a transaction-mode pool', () => {
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
    const a = await pgClient(server.databaseUrl);
    const b = await pgClient(server.databaseUrl);
    const seen = async (client: pg.Client) => ({
      zone: (await client.query('SHOW TimeZone')).rows[0],
      path: (await client.query('SHOW search_path')).rows[0],
      readOnly: (await client.query('SHOW default_transaction_read_only')).rows[0],
      temp: (await client.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'session_probe'")).rows[0],
    });
    try {
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
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('gives each client its own named statements (pg and postgres.js)', async () => {
    const a = await pgClient(server.databaseUrl);
    const b = await pgClient(server.databaseUrl);
    const sql = postgres(server.databaseUrl, { max: 2, onnotice: () => undefined });
    try {
      for (let round = 0; round < 3; round++) {
        const [fromA, fromB] = await Promise.all([
          a.query({ name: 'probe', text: 'SELECT $1::int + 1 AS n', values: [round] }),
          b.query({ name: 'probe', text: "SELECT $1::text || '!' AS s", values: [`r${round}`] }),
        ]);
        expect(fromA.rows).toEqual([{ n: round + 1 }]);
        expect(fromB.rows).toEqual([{ s: `r${round}!` }]);
      }
      const rows = await Promise.all([1, 2, 3, 4].map((n) => sql`SELECT ${n}::int * 10 AS n`));
      expect(rows.map((result) => result[0]?.n)).toEqual([10, 20, 30, 40]);
    } finally {
      await a.end();
      await b.end();
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
    const idle = await pgClient(server.databaseUrl);
    const other = await pgClient(server.databaseUrl);
    const errors: Error[] = [];
    idle.on('error', (error) => errors.push(error));
    try {
      await other.query('CREATE TABLE IF NOT EXISTS idle_probe (label text)');
      await idle.query('BEGIN');
      await idle.query("INSERT INTO idle_probe VALUES ('never committed')");
      const started = performance.now();
      const { rows } = await other.query('SELECT count(*)::int AS n FROM idle_probe');
      expect(rows).toEqual([{ n: 0 }]);
      expect(performance.now() - started).toBeGreaterThan(1500);
      expect(performance.now() - started).toBeLessThan(6000);
      await expect(idle.query('COMMIT')).rejects.toThrow();
      expect(errors.map((error) => (error as { code?: string }).code)).toContain('25P03');
    } finally {
      await idle.end().catch(() => undefined);
      await other.end();
    }
  });

  it("enforces statement_timeout by stopping the statement, and keeps other clients' prepared statements", async () => {
    const prepared = await pgClient(server.databaseUrl);
    const slow = await pgClient(server.databaseUrl);
    try {
      await prepared.query({ name: 'kept', text: 'SELECT $1::int AS n', values: [1] });
      const started = performance.now();
      await expect(slow.query('SET statement_timeout = 300; SELECT pg_sleep(20)')).rejects.toMatchObject({
        code: '57014',
        message: expect.stringContaining('statement timeout'),
      });
      expect(performance.now() - started).toBeLessThan(15_000);
      expect((await slow.query('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
      expect((await prepared.query({ name: 'kept', text: 'SELECT $1::int AS n', values: [7] })).rows).toEqual([
        { n: 7 },
      ]);
    } finally {
      await prepared.end();
      await slow.end();
    }
  });

  it('honours a cancel request (postgres.js)', async () => {
    const sql = postgres(server.databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      const query = sql`SELECT pg_sleep(20)`;
      const started = performance.now();
      setTimeout(() => query.cancel(), 300);
      await expect(query).rejects.toMatchObject({ code: '57014' });
      expect(performance.now() - started).toBeLessThan(15_000);
      expect((await sql`SELECT 4 AS n`)[0]).toEqual({ n: 4 });
    } finally {
      await sql.end();
    }
  });

  it('answers too many clients (53300) over --max-connections', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, () => pgClient(server.databaseUrl)));
    try {
      await expect(pgClient(server.databaseUrl)).rejects.toMatchObject({ code: '53300' });
    } finally {
      await Promise.all(held.map((client) => client.end()));
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

describe.skipIf(engine === 'postgres')('cutx-db serve --engine pglite: where it listens', () => {
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

  it('ends on SIGTERM within seconds while a client statement is running', async () => {
    const server = await startServe(join(root, 'busy'));
    const client = await pgClient(server.databaseUrl);
    const sleeping = client.query('SELECT pg_sleep(30)').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    expect(await stopServe(server)).toBe(0);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(await sleeping).toMatchObject({ code: '57P01' });
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
