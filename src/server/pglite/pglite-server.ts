import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CutxDbError } from '../../db/errors.js';
import type { CutxDb } from '../../db/open.js';
import { connectionUrl } from '../connection-url.js';
import type { DbServer, ResolvedServerOptions } from '../db-server-options.js';
import { EngineLease } from './engine-lease.js';
import { EngineThread } from './engine-thread.js';
import { frontendMessage } from './protocol/backend-messages.js';
import { STATEMENT_CAP_MS, WireClient } from './wire-client.js';
import { InProcessEngine, type WireEngine } from './wire-engine.js';

/**
 * `cutx-db serve --engine pglite`: the data directory opened (and locked, see `openDb`) on
 * a worker thread, so the server stays responsive while a statement runs, and a timeout or
 * cancel can stop it by restarting that thread; then served (`serveEngine`).
 */
export async function startPgliteServer(options: ResolvedServerOptions): Promise<DbServer> {
  // A restart after a timeout reopens the data directory, so even a throwaway server has one.
  const temporary = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'cutx-pglite-')) : undefined;
  const removeTemporary = () => {
    if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
  };
  let engine: EngineThread | undefined;
  try {
    engine = await EngineThread.start(options.dataDir ?? join(temporary as string, 'data'));
    const running = engine;
    const served = await serveEngine(running, options);
    // A restarted engine has none of the clients' prepared statements: prepare them again.
    running.onRestart = async () => {
      const parses = served.preparedStatements();
      if (parses.length > 0) await running.execNow(Buffer.concat([...parses, frontendMessage('S')]), STATEMENT_CAP_MS);
    };
    return {
      url: served.url,
      engine: 'pglite',
      async stop() {
        try {
          await served.stop();
          await running.close();
        } finally {
          removeTemporary();
        }
      },
    };
  } catch (error) {
    await engine?.close();
    removeTemporary();
    throw error;
  }
}

/** Where `servePglite` listens, and what its URL says. */
export type ServeAddress = Pick<
  ResolvedServerOptions,
  'host' | 'port' | 'password' | 'maxConnections' | 'idleInTransactionTimeoutMs'
>;

/**
 * Serves a database open in this thread through the same wire server; `stop()` stops
 * serving and leaves the database open. Its statements run in this thread, so
 * statement_timeout, the 60 s cap and cancel cannot stop them (see `InProcessEngine`).
 */
export async function servePglite(db: CutxDb, address: ServeAddress): Promise<DbServer> {
  const served = await serveEngine(await InProcessEngine.of(db), address);
  return { url: served.url, engine: 'pglite', stop: served.stop };
}

interface ServedEngine {
  url: string;
  /** Every client's named statements, as Parse messages. */
  preparedStatements(): Buffer[];
  /** Stops listening and disconnects every client; the engine stays open. */
  stop(): Promise<void>;
}

/**
 * The wire server: every message checked before it reaches the engine, and the engine's
 * one session shared the way a transaction-mode pool shares a server connection (one
 * client's transaction at a time, each client's prepared statements its own, the session
 * reset when a transaction ends). See `WireClient`.
 */
async function serveEngine(engine: WireEngine, address: ServeAddress): Promise<ServedEngine> {
  const clients = new Map<number, WireClient>();
  const sockets = new Set<Socket>();
  const context = {
    engine,
    lease: new EngineLease(),
    password: address.password,
    maxConnections: address.maxConnections,
    idleInTransactionTimeoutMs: address.idleInTransactionTimeoutMs,
    clients,
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    new WireClient(socket, context);
  });
  server.listen(address.port, address.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw listenError(error, address);
    }),
  ]);
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : address.port;
  return {
    url: connectionUrl(address.host, port, address.password),
    preparedStatements: () => [...clients.values()].flatMap((client) => client.preparedStatements()),
    async stop() {
      const closed = once(server, 'close');
      server.close();
      for (const client of clients.values()) {
        client.terminate('57P01', 'terminating connection due to administrator command');
      }
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

const listenHints: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use; pass another --port, or 0 for any free one',
  EADDRNOTAVAIL: 'no network interface has that address; pass a local --host such as 127.0.0.1',
  EACCES: 'ports below 1024 need privileges; pass a --port above 1023',
};

function listenError(error: unknown, address: ServeAddress): unknown {
  const hint = listenHints[(error as NodeJS.ErrnoException).code ?? ''];
  if (hint === undefined) return error;
  return new CutxDbError('environment', `Cannot listen on ${address.host}:${address.port}: ${hint}.`, {
    cause: error,
  });
}
