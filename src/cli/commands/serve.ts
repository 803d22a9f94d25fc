import { defineCommand } from '../command.js';
import { startDbServer } from '../db-server.js';
import { DEFAULT_DATA_DIR } from '../default-data-dir.js';
import { wholeNumber } from '../whole-number.js';

/**
 * `cutx-db serve`: the CutX database on a PostgreSQL port until SIGINT or SIGTERM. Prints
 * `DATABASE_URL=...` on stdout as its only stdout line, once clients can connect.
 */
export const serve = defineCommand({
  summary: 'Serve a local CutX database to psql and pg clients (PGlite over the PostgreSQL protocol).',
  description: [
    'Opens the data directory (creating it and applying the schema when needed), serves it until',
    'SIGINT or SIGTERM, then closes it cleanly. Prints DATABASE_URL=... on stdout once clients can connect.',
    'Statements from all clients take turns on one embedded connection: a client that leaves a',
    'transaction open makes every other client wait until it commits or rolls back.',
  ].join('\n'),
  options: {
    'data-dir': {
      type: 'string',
      default: DEFAULT_DATA_DIR,
      valueName: 'dir',
      description: 'Where the database lives.',
    },
    port: { type: 'string', default: '5432', valueName: 'port', description: 'Port to listen on; 0 picks a free one.' },
    host: {
      type: 'string',
      default: '127.0.0.1',
      valueName: 'host',
      description: 'Address to bind; only this machine can connect unless you pass another.',
    },
    // pg.Pool opens 10 connections by default; three services and a psql session fit in 32.
    'max-connections': {
      type: 'string',
      default: '32',
      valueName: 'n',
      description: 'Client connections open at once; further ones are refused.',
    },
  },
  async run(options, { stdout, stderr, signal }) {
    const port = wholeNumber(options.port, '--port', 0, 65_535);
    const maxConnections = wholeNumber(options['max-connections'], '--max-connections', 1, 1_000);
    const server = await startDbServer({ dataDir: options['data-dir'], host: options.host, port, maxConnections });
    stdout.write(`DATABASE_URL=${server.databaseUrl}\n`);
    stderr.write(`Serving ${options['data-dir']} (up to ${maxConnections} connections). Stop with Ctrl-C.\n`);
    await aborted(signal);
    stderr.write('Stopping: closing connections and the database.\n');
    await server.close();
  },
});

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
