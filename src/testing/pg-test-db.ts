import type pg from 'pg';
import { loadPg } from '../db/load-pg.js';
import { migrate } from '../db/migrate.js';
import { fromPg } from '../db/pg-client.js';
import { schemaChecksum } from '../db/schema-files.js';
import type { TransactionalClient } from '../db/sql-client.js';
import type { IsolatedDb } from './isolated-db.js';
import { INSTALL_ISOLATION } from './isolation-sql.js';

/** A database of its own on a real PostgreSQL server, dropped by `close()`. */
export interface PgTestDb extends TransactionalClient {
  readonly url: string;
  /** Whether the connection is inside a transaction, as the server last reported. */
  isInTransaction(): boolean;
  close(): Promise<void>;
}

// Serialises template builds across processes (vitest workers) on one server.
const TEMPLATE_LOCK = 7_410_392_119;
let counter = 0;

/**
 * A fresh migrated database on the server at `serverUrl` (a superuser or CREATEDB role),
 * copied from a template database that is migrated once per schema version
 * (`CREATE DATABASE ... TEMPLATE`, tens of milliseconds).
 *
 * @example const db = await createPgTestDb('postgres://postgres@127.0.0.1:5432/postgres')
 */
export async function createPgTestDb(serverUrl: string): Promise<PgTestDb> {
  const { Client } = await loadPg('createPgTestDb');
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `cutx_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  try {
    const template = await ensureTemplate(admin, serverUrl, Client);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    ...fromPg(client),
    isInTransaction: () => client.getTransactionStatus() !== 'I',
    url,
    close: async () => {
      await client.end();
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

async function ensureTemplate(admin: pg.Client, serverUrl: string, Client: typeof pg.Client): Promise<string> {
  const template = `cutx_template_${schemaChecksum().slice(0, 16)}`;
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (rows.length === 0) {
      // Built under another name and renamed, so a half-migrated template is never used.
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const client = new Client({ connectionString: databaseUrl(serverUrl, building) });
      await client.connect();
      try {
        await migrate(fromPg(client));
      } finally {
        await client.end();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
  return template;
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Ends the other sessions on this database that are not idle: a transaction a test left
 * open (its row locks would block the next test's writes of the same keys) or a statement
 * still running after its test timed out. Waits for each to be gone (up to 10 s each), so
 * its rollback is over before the tables are emptied. Idle sessions, such as a service's
 * pooled connections, are left connected.
 */
const END_BUSY_SESSIONS = `SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`;

/**
 * `createPgTestDb` with the reset of `createIsolatedDb`: one server database for many tests,
 * emptied of what each wrote in about a millisecond. The reset also ends other sessions left
 * in a transaction or running a statement (see `END_BUSY_SESSIONS`). It turns triggers off
 * for its deletes (session_replication_role), so the role must be a superuser.
 */
export async function createIsolatedPgDb(serverUrl: string): Promise<Omit<IsolatedDb, 'db'> & { db: PgTestDb }> {
  const db = await createPgTestDb(serverUrl);
  await db.exec(INSTALL_ISOLATION);
  return {
    db,
    // ROLLBACK first: a test that failed inside BEGIN leaves its transaction open.
    reset: () => db.exec(`ROLLBACK; ${END_BUSY_SESSIONS}; SELECT cutx_testing.reset()`).then(() => undefined),
  };
}
