import { createPglite } from '../../src/db/create-pglite.js';
import type { SchemaFile } from '../../src/db/schema-files.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { parseStatements, type SqlStatement } from '../../src/db/sql-statements.js';
import type { NotNullChecked } from './squawk.js';

// Lock modes that block writes (or more): held on a table others use, every write queues behind.
const STRONG_LOCKS = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

// Statements that run outside a transaction, the only reason for `-- cutx:no-transaction`.
const CONCURRENT = /^(IndexStmt|DropStmt|ReindexStmt|AlterTableStmt)$/;

/** The ceiling on `lock_timeout` when none is given: longer, and every query on the table queues that long. */
export const DEFAULT_LOCK_TIMEOUT_CEILING = '10s';

/** What the rules found, and what squawk needs to know of the catalog before each checked file. */
export interface TransactionRulesResult {
  problems: string[];
  /** By file name: the columns a validated `CHECK (x IS NOT NULL)` guarded before it ran. */
  notNullChecked: Map<string, NotNullChecked>;
}

/**
 * The rules squawk cannot check, because they need to know what earlier files made. Each
 * file of `files` is applied in order to a fresh embedded database; each one in `checked`
 * runs statement by statement (split by PostgreSQL 15's parser) and is watched, and must:
 * - set `lock_timeout` (at most `ceiling`) and `statement_timeout` before its first statement
 *   that takes a lock blocking writes on a table an earlier file created (a deploy then gives
 *   up instead of queueing every query of the three services behind a lock it waits for),
 *   read from pg_locks, not guessed;
 * - not UPDATE or DELETE the rows of such a table: a backfill under the file's lock blocks
 *   writers for as long as it runs, and even alone it rewrites the table in one transaction
 *   (batch it in a job outside schema/);
 * - leave no session setting behind (`SET LOCAL`, not `SET`): migrate runs every file on
 *   one connection, and through a pooler such as Hyperdrive a session's setting would be
 *   the next client's;
 * - when it runs outside a transaction (`-- cutx:no-transaction`), be exactly one
 *   CONCURRENTLY statement: that is what the marker is for, and such a file cannot SET
 *   timeouts first.
 * Returns one sentence per broken rule, naming the file and line.
 */
export async function checkTransactionRules(
  files: readonly SchemaFile[],
  checked: ReadonlySet<string>,
  ceiling: string = process.env.CUTX_LOCK_TIMEOUT_CEILING ?? DEFAULT_LOCK_TIMEOUT_CEILING,
): Promise<TransactionRulesResult> {
  const db = await createPglite();
  const problems: string[] = [];
  const notNullChecked = new Map<string, NotNullChecked>();
  try {
    const { rows } = await db.query<{ ms: number }>('SELECT (extract(epoch FROM $1::interval) * 1000)::int AS ms', [
      ceiling,
    ]);
    const ceilingMs = rows[0]?.ms ?? 0;
    for (const file of files) {
      if (!checked.has(file.name)) {
        await db.exec(file.sql);
        continue;
      }
      notNullChecked.set(file.name, await checkedNotNull(db));
      problems.push(...(await watch(db, file, { text: ceiling, ms: ceilingMs })));
    }
  } finally {
    await db.close();
  }
  return { problems, notNullChecked };
}

async function watch(db: SqlClient, file: SchemaFile, ceiling: { text: string; ms: number }): Promise<string[]> {
  const where = `schema/${file.name}`;
  const statements = await parseStatements(file.sql, where);
  if (file.noTransaction) {
    await db.exec(file.sql);
    return statements.length === 1 && statements[0] !== undefined && isConcurrent(statements[0])
      ? []
      : [`${where} runs outside a transaction (-- cutx:no-transaction) but is not one CONCURRENTLY statement.`];
  }
  const problems: string[] = [];
  const sessionBefore = await sessionSettings(db);
  const { rows: existing } = await db.query<{ oid: number; name: string }>(
    `SELECT oid::int, relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`,
  );
  const existingNames = new Set(existing.map((row) => row.name));
  let locked: string | undefined;
  await db.exec('BEGIN');
  try {
    for (const statement of statements) {
      await db.exec(statement.text);
      const at = `${where} line ${statement.line}`;
      const table = rowsRewritten(statement);
      if (table !== undefined && existingNames.has(table)) {
        problems.push(
          locked === undefined
            ? `${at} updates every matching row of ${table} (created by an earlier file) in one transaction: ` +
                'backfill it in batches from a job outside schema/.'
            : `${at} backfills ${table} under ${locked}: writers wait for the whole backfill. Batch it from a job ` +
                'outside schema/, after this file.',
        );
      }
      if (locked !== undefined) continue;
      locked = await strongLocks(
        db,
        existing.map((row) => row.oid),
      );
      if (locked !== undefined) problems.push(...(await timeoutProblems(db, at, locked, ceiling)));
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

function isConcurrent({ type, node }: SqlStatement): boolean {
  if (!CONCURRENT.test(type)) return false;
  if (type === 'AlterTableStmt') {
    const commands = (node.cmds as { AlterTableCmd?: { def?: { PartitionCmd?: { concurrent?: boolean } } } }[]) ?? [];
    return commands.some((command) => command.AlterTableCmd?.def?.PartitionCmd?.concurrent === true);
  }
  if (type === 'ReindexStmt') {
    const params = (node.params as { DefElem?: { defname?: string } }[] | undefined) ?? [];
    return params.some((param) => param.DefElem?.defname === 'concurrently');
  }
  return node.concurrent === true;
}

/** The table an UPDATE or DELETE rewrites rows of. */
function rowsRewritten({ type, node }: SqlStatement): string | undefined {
  if (type !== 'UpdateStmt' && type !== 'DeleteStmt') return undefined;
  return (node.relation as { relname?: string } | undefined)?.relname;
}

async function strongLocks(db: SqlClient, tables: number[]): Promise<string | undefined> {
  const { rows } = await db.query<{ table: string; mode: string }>(
    `SELECT DISTINCT relation::regclass::text AS table, mode FROM pg_locks
      WHERE locktype = 'relation' AND pid = pg_backend_pid() AND granted
        AND relation::int = ANY($1) AND mode = ANY($2) ORDER BY 1, 2`,
    [tables, STRONG_LOCKS],
  );
  return rows.length === 0 ? undefined : rows.map((lock) => `${lock.mode} on ${lock.table}`).join(', ');
}

async function timeoutProblems(
  db: SqlClient,
  at: string,
  locked: string,
  ceiling: { text: string; ms: number },
): Promise<string[]> {
  const { rows } = await db.query<{ name: string; ms: number }>(
    `SELECT name, setting::int AS ms FROM pg_settings WHERE name IN ('lock_timeout', 'statement_timeout') ORDER BY name`,
  );
  const unset = rows.filter((row) => row.ms === 0).map((row) => row.name);
  const problems: string[] = [];
  if (unset.length > 0) {
    problems.push(
      `${at} takes ${locked} (created by an earlier file) without ${unset.join(' and ')} set before it: ` +
        "begin the file with SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '5min'; (values to suit).",
    );
  }
  const lock = rows.find((row) => row.name === 'lock_timeout')?.ms ?? 0;
  if (lock > ceiling.ms) {
    problems.push(
      `${at} takes ${locked} with lock_timeout ${lock} ms, above the ceiling of ${ceiling.text}: every query on the ` +
        'table waits that long behind it. Lower it (CUTX_LOCK_TIMEOUT_CEILING sets the ceiling).',
    );
  }
  return problems;
}

/** The `table.column`s a validated `CHECK (column IS NOT NULL)` guards now. */
async function checkedNotNull(db: SqlClient): Promise<Set<string>> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname || '.' || a.attname AS name FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
      WHERE k.contype = 'c' AND k.convalidated AND c.relnamespace = 'public'::regnamespace
        AND pg_get_constraintdef(k.oid) = format('CHECK ((%s IS NOT NULL))', quote_ident(a.attname))`,
  );
  return new Set(rows.map((row) => row.name));
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
