import { createPglite } from '../../src/db/create-pglite.js';
import type { SchemaFile } from '../../src/db/schema-files.js';
import type { SqlClient } from '../../src/db/sql-client.js';

// Lock modes that block writes (or more): held on a table others use, every write queues behind.
const STRONG_LOCKS = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

/**
 * The rules squawk cannot check, because they need to know what earlier files made. Each
 * file of `files` is applied in order to a fresh embedded database; each one in `checked`
 * is watched while it runs, and must:
 * - set `lock_timeout` and `statement_timeout` when it takes a lock that blocks writes on a
 *   table an earlier file created (a deploy then gives up instead of queueing every query
 *   of the three services behind a lock it waits for), read from pg_locks, not guessed;
 * - leave no session setting behind (`SET LOCAL`, not `SET`): migrate runs every file on
 *   one connection, and through a pooler such as Hyperdrive a session's setting would be
 *   the next client's;
 * - when it runs outside a transaction (`-- cutx:no-transaction`), be a CONCURRENTLY
 *   statement: that is what the marker is for, and such a file cannot SET timeouts first.
 * Returns one sentence per broken rule, naming the file.
 */
export async function checkTransactionRules(
  files: readonly SchemaFile[],
  checked: ReadonlySet<string>,
): Promise<string[]> {
  const db = await createPglite();
  const problems: string[] = [];
  try {
    for (const file of files) {
      if (!checked.has(file.name)) await db.exec(file.sql);
      else problems.push(...(await watch(db, file)));
    }
  } finally {
    await db.close();
  }
  return problems;
}

async function watch(db: SqlClient, file: SchemaFile): Promise<string[]> {
  const where = `schema/${file.name}`;
  if (file.noTransaction) {
    await db.exec(file.sql);
    const withoutComments = file.sql.replace(/--.*$/gm, '');
    return /\bCONCURRENTLY\b/i.test(withoutComments)
      ? []
      : [`${where} runs outside a transaction (-- cutx:no-transaction) but is not a CONCURRENTLY statement.`];
  }
  const problems: string[] = [];
  const sessionBefore = await sessionSettings(db);
  const { rows: existing } = await db.query<{ oid: number }>(
    `SELECT oid::int FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`,
  );
  await db.exec('BEGIN');
  try {
    await db.exec(file.sql);
    const { rows: locks } = await db.query<{ table: string; mode: string }>(
      `SELECT DISTINCT relation::regclass::text AS table, mode FROM pg_locks
        WHERE locktype = 'relation' AND pid = pg_backend_pid() AND granted
          AND relation::int = ANY($1) AND mode = ANY($2) ORDER BY 1, 2`,
      [existing.map((row) => row.oid), STRONG_LOCKS],
    );
    const { rows: timeouts } = await db.query<{ lock: string; statement: string }>(
      `SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement`,
    );
    const unset = Object.entries(timeouts[0] ?? {})
      .filter(([, value]) => value === '0')
      .map(([name]) => `${name}_timeout`);
    if (locks.length > 0 && unset.length > 0) {
      const taken = locks.map((lock) => `${lock.mode} on ${lock.table}`).join(', ');
      problems.push(
        `${where} takes ${taken} (created by an earlier file) without ${unset.join(' and ')}: ` +
          "begin it with SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '5min'; (values to suit).",
      );
    }
  } finally {
    await db.exec('COMMIT');
  }
  const leaked = diffSettings(sessionBefore, await sessionSettings(db));
  if (leaked.length > 0) {
    problems.push(`${where} leaves ${leaked.join(', ')} set for the session: use SET LOCAL, which ends with the file.`);
    await db.exec('RESET ALL');
  }
  return problems;
}

async function sessionSettings(db: SqlClient): Promise<Map<string, string>> {
  const { rows } = await db.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE source = 'session'`,
  );
  return new Map(rows.map((row) => [row.name, row.setting]));
}

function diffSettings(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, value]) => before.get(name) !== value).map(([name]) => name);
}
