import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CutxDbError } from '../../db/errors.js';
import { POSTGRES_MAJOR, type PostgresBinaries } from './postgres-binaries.js';
import type { RunAs } from './postgres-user.js';
import { POSTGRES_WATCHDOG } from './postgres-watchdog.js';

export interface PostgresProcessOptions {
  binaries: PostgresBinaries;
  dataDir: string;
  host: string;
  port: number;
  maxConnections: number;
  durable: boolean;
  runAs: RunAs;
}

/** A running postmaster, reachable over TCP and, for administration, over a private Unix socket. */
export interface PostgresProcess {
  /** The folder holding the Unix socket; only the server's user can enter it. */
  socketDir: string;
  /** Fast shutdown (open transactions roll back), waiting for the postmaster to exit. */
  stop(): Promise<void>;
}

const READY = 'database system is ready to accept connections';
const STOP_WAIT_MS = 15_000;

/** Creates the cluster (`initdb`) unless `dataDir` already holds one of the pinned major. */
export async function ensureCluster(options: PostgresProcessOptions): Promise<void> {
  const versionFile = join(options.dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    const major = readFileSync(versionFile, 'utf8').trim();
    if (major === POSTGRES_MAJOR) return;
    throw new CutxDbError(
      'invalid_input',
      `${options.dataDir} holds a PostgreSQL ${major} database (an embedded PGlite one, if 18), ` +
        `not a PostgreSQL ${POSTGRES_MAJOR} server's: pass another --data-dir, or --engine pglite for this one.`,
    );
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if ('uid' in options.runAs) chownSync(options.dataDir, options.runAs.uid, options.runAs.gid);
  // Local (Unix socket) connections are trusted: the socket sits in a folder only the
  // server's user can enter. TCP clients need the password.
  await run(options, options.binaries.initdb, [
    `--pgdata=${options.dataDir}`,
    '--username=postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    // C, as PGlite's database is: text sorts by bytes on both engines.
    '--locale=C',
    '--no-instructions',
  ]);
}

/** Starts the postmaster under the watchdog and resolves once it accepts connections. */
export async function startPostgres(options: PostgresProcessOptions): Promise<PostgresProcess> {
  const socketDir = mkdtempSync(join(tmpdir(), 'cutx-pg-'));
  if ('uid' in options.runAs) chownSync(socketDir, options.runAs.uid, options.runAs.gid);
  const args = [
    '-D',
    options.dataDir,
    '-p',
    String(options.port),
    '-c',
    `listen_addresses=${options.host}`,
    '-c',
    `unix_socket_directories=${socketDir}`,
    '-c',
    `max_connections=${options.maxConnections}`,
    // The readiness line is matched in English.
    '-c',
    'lc_messages=C',
    ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const child = spawn('/bin/sh', ['-c', POSTGRES_WATCHDOG, options.binaries.postgres, ...args], {
    ...options.runAs,
    env: { ...process.env, CUTX_PG_SOCKET_DIR: socketDir },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  try {
    await ready(child, exited);
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  return {
    socketDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

function ready(child: ChildProcess, exited: Promise<unknown[]>): Promise<void> {
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      // Kept short: only the lines before a failed start are ever shown.
      log = (log + chunk.toString()).slice(-4000);
      if (log.includes(READY)) resolve();
    });
    void exited.then(() =>
      reject(new CutxDbError('engine_stopped', `PostgreSQL stopped before accepting connections:\n${log}`)),
    );
  });
}

async function run(options: PostgresProcessOptions, program: string, args: string[]): Promise<void> {
  const child = spawn(program, args, {
    ...options.runAs,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    throw new CutxDbError('environment', `${program} ${args.join(' ')} failed (exit ${code}):\n${output}`);
  }
}
