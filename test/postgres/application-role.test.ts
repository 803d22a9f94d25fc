import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { fromPg } from '../../src/db/pg-client.js';
import { readSchemaFiles, type SchemaFile } from '../../src/db/schema-files.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { metadata, SIGNUP_CREDITS } from '../../src/rows/index.js';
import { expectVictims, guardAttacks, guardedRows, INSERT_VICTIMS, runAttack } from '../security/guard-attacks.js';
import { expectSqlState, SQL_STATE } from '../support/sql-state.js';

const ROLES_SQL = readFileSync(fileURLToPath(new URL('../../docs/roles.sql', import.meta.url)), 'utf8');

/** A database set up as docs/security.md says: docs/roles.sql, then migrated by its owner. */
interface RoleDb {
  name: string;
  owner: string;
  app: string;
  /** The application role plus TEMP, the privilege PUBLIC has unless docs/roles.sql revokes it. */
  appWithTemp: string;
}

// Roles belong to the whole server, so every name carries this run's suffix, and the roles
// get a password in case the server does not trust loopback.
describe('the application role of docs/roles.sql on a real server', () => {
  const serverUrl = process.env.CUTX_TEST_DATABASE_URL ?? '';
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const password = randomBytes(12).toString('hex');
  const databases: string[] = [];
  const roles: string[] = [];
  const clients: pg.Client[] = [];
  let admin: pg.Client;
  let current: RoleDb;
  let before0010: RoleDb;

  const urlOf = (database: string, role?: string): string => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    if (role !== undefined) {
      url.username = role;
      url.password = password;
    }
    return url.toString();
  };

  const connect = async (database: string, role: string): Promise<SqlClient> => {
    const client = new pg.Client({ connectionString: urlOf(database, role) });
    await client.connect();
    clients.push(client);
    return fromPg(client);
  };

  /** docs/roles.sql, with this run's role names, on a new database that its owner then migrates. */
  async function createRoleDb(label: string, files: SchemaFile[]): Promise<RoleDb> {
    const db = {
      name: `cutx_roles_${label}_${suffix}`,
      owner: `cutx_owner_${label}_${suffix}`,
      app: `cutx_app_${label}_${suffix}`,
      appWithTemp: `cutx_app_temp_${label}_${suffix}`,
    };
    await admin.query(`CREATE DATABASE ${db.name}`);
    databases.push(db.name);
    roles.push(db.owner, db.app);
    const setup = new pg.Client({ connectionString: urlOf(db.name) });
    await setup.connect();
    try {
      await setup.query(ROLES_SQL.replace(/\bcutx_owner\b/g, db.owner).replace(/\bcutx_app\b/g, db.app));
    } finally {
      await setup.end();
    }
    roles.push(db.appWithTemp);
    await admin.query(`CREATE ROLE ${db.appWithTemp} LOGIN IN ROLE ${db.app}`);
    await admin.query(`GRANT TEMPORARY ON DATABASE ${db.name} TO ${db.appWithTemp}`);
    for (const role of [db.owner, db.app, db.appWithTemp]) {
      await admin.query(`ALTER ROLE ${role} PASSWORD '${password}'`);
    }
    const owner = new pg.Client({ connectionString: urlOf(db.name, db.owner) });
    await owner.connect();
    try {
      await migrate(fromPg(owner), files);
    } finally {
      await owner.end();
    }
    // Closed again: a database that is to be copied (TEMPLATE) must have no connections.
    const app = new pg.Client({ connectionString: urlOf(db.name, db.app) });
    await app.connect();
    try {
      await app.query(INSERT_VICTIMS);
    } finally {
      await app.end();
    }
    return db;
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    current = await createRoleDb('now', readSchemaFiles());
    before0010 = await createRoleDb(
      'old',
      readSchemaFiles().filter((file) => file.name < '0010'),
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    for (const role of roles.reverse()) await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('migrates as an owner that is no superuser, which then owns every table', async () => {
    const { rows: owner } = await admin.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [current.owner]);
    expect(owner).toEqual([{ rolsuper: false }]);
    const migrated = await connect(current.name, current.owner);
    const { rows } = await migrated.query(
      `SELECT count(*)::int AS tables, count(*) FILTER (WHERE tableowner <> current_user)::int AS owned_by_others
         FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(rows).toEqual([{ tables: Object.keys(metadata.tables).length, owned_by_others: 0 }]);
  });

  it('lets the application sign up, pay, be refused an overdraft, and delete a user with all it owns', async () => {
    const app = await connect(current.name, current.app);
    const [user] = (
      await app.query<{ id: string }>(
        "INSERT INTO users (email, role) VALUES ('legit@cutx.test', 'admin') RETURNING id",
      )
    ).rows;
    const ledgerOf = () =>
      app.query(
        `SELECT b.balance, (SELECT sum(amount)::int FROM credit_transactions t WHERE t.user_id = b.user_id) AS ledger,
                (SELECT count(*)::int FROM credit_transactions t WHERE t.user_id = b.user_id AND job_id IS NOT NULL) AS paid_jobs
           FROM credit_balances b WHERE b.user_id = $1`,
        [user?.id],
      );
    expect((await ledgerOf()).rows).toEqual([{ balance: SIGNUP_CREDITS, ledger: SIGNUP_CREDITS, paid_jobs: 0 }]);
    await app.query(
      "INSERT INTO generation_jobs (user_id, type, idempotency_key, credits_cost) VALUES ($1, 'copy', 'legit', 4)",
      [user?.id],
    );
    await app.query("INSERT INTO credit_transactions (user_id, kind, amount) VALUES ($1, 'generation', -6)", [
      user?.id,
    ]);
    const left = SIGNUP_CREDITS - 10;
    expect((await ledgerOf()).rows).toEqual([{ balance: left, ledger: left, paid_jobs: 1 }]);
    await expectSqlState(
      app.query("INSERT INTO credit_transactions (user_id, kind, amount) VALUES ($1, 'generation', $2)", [
        user?.id,
        -(left + 1),
      ]),
      SQL_STATE.checkViolation,
      'credit_balances_balance_nonnegative',
    );
    // Deleting the job nulls the reference of the debit that paid for it, which stays.
    await app.query('DELETE FROM generation_jobs WHERE user_id = $1', [user?.id]);
    expect((await ledgerOf()).rows).toEqual([{ balance: left, ledger: left, paid_jobs: 0 }]);
    await app.query(
      "INSERT INTO admin_audit_log (actor_id, actor_email, action) VALUES ($1, 'legit@cutx.test', 'user.suspend')",
      [user?.id],
    );
    await app.query('DELETE FROM users WHERE id = $1', [user?.id]);
    const { rows } = await app.query(
      `SELECT (SELECT count(*)::int FROM credit_balances WHERE user_id = $1) AS balances,
              (SELECT count(*)::int FROM credit_transactions WHERE user_id = $1) AS ledger,
              (SELECT count(*)::int FROM admin_audit_log WHERE actor_email = 'legit@cutx.test' AND actor_id IS NULL) AS kept_entries`,
      [user?.id],
    );
    expect(rows).toEqual([{ balances: 0, ledger: 0, kept_entries: 1 }]);
  });

  it('gives the application role no temporary objects', async () => {
    const app = await connect(current.name, current.app);
    await expectSqlState(app.exec('CREATE TEMP TABLE tripwire (x int)'), SQL_STATE.insufficientPrivilege);
  });

  it.each([
    ['empty the ledger', 'TRUNCATE credit_transactions'],
    ['turn the guards off for the session', 'SET session_replication_role = replica'],
    ['turn a guard off', 'ALTER TABLE credit_balances DISABLE TRIGGER credit_balances_guard'],
    [
      'add a trigger to a table',
      'CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
    ],
    ['create a function in public', 'CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'],
    ['forget an applied migration', 'DELETE FROM cutx_migrate.migrations'],
  ])('refuses the application role what only the owner may do: %s', async (_what, sql) => {
    const app = await connect(current.name, current.appWithTemp);
    const before = await guardedRows(app);
    await expectSqlState(app.exec(sql), SQL_STATE.insufficientPrivilege);
    expect(await guardedRows(app)).toEqual(before);
  });

  it('starts every attack from victims whose balances match their ledgers', async () => {
    expectVictims(await guardedRows(await connect(current.name, current.appWithTemp)));
  });

  it.each(guardAttacks)('refuses the application role with TEMP, changing nothing: $name', async (attack) => {
    const app = await connect(current.name, current.appWithTemp);
    const before = await guardedRows(app);
    const error = await runAttack(app, attack);
    expect(error, 'the attack should have been refused').toBeInstanceOf(Error);
    expect(attack.refusedWith).toContain((error as { code?: unknown }).code);
    expect(await guardedRows(app)).toEqual(before);
  });

  // Each hole on a copy of its own, so every attack starts from the same victims.
  it.each(guardAttacks.filter((attack) => attack.openBefore0010))(
    'was let through by schema 0001-0009: $name',
    async (attack) => {
      const copy = `${before0010.name}_${guardAttacks.indexOf(attack)}`;
      await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${before0010.name}`);
      databases.push(copy);
      await admin.query(`GRANT TEMPORARY ON DATABASE ${copy} TO ${before0010.appWithTemp}`);
      const app = await connect(copy, before0010.appWithTemp);
      const before = await guardedRows(app);
      expectVictims(before);
      expect(await runAttack(app, attack)).toBeUndefined();
      expect(await guardedRows(app)).not.toEqual(before);
    },
  );
});
