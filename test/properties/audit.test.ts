import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries } from '../../factories/index.js';
import { insertRows } from '../../factories/insert-rows.js';
import { type Insert, tables } from '../../src/rows/index.js';
import { dbTest } from '../support/db-test.js';
import { SQL_STATE } from '../support/sql-state.js';
import type { TestDb } from '../support/test-db.js';
import { type DbProperty, expectCounterexample } from './support/breakage.js';
import { attempt, rolledBack } from './support/isolation.js';
import { unreached } from './support/reach.js';
import { fcOptions } from './support/runs.js';

type Operation =
  | { op: 'update'; entry: number; columns: string[] }
  | { op: 'delete'; entry: number }
  | { op: 'truncate' }
  | { op: 'deleteActor'; actor: number };

const ACTORS = 2;
const columns = Object.keys(tables.admin_audit_log.columns);

const operation: fc.Arbitrary<Operation> = fc.oneof(
  // Any set of columns, one at a time or several in one statement: each is in some update.
  fc.record({ op: fc.constant('update' as const), entry: fc.nat(), columns: fc.subarray(columns, { minLength: 1 }) }),
  fc.record({ op: fc.constant('delete' as const), entry: fc.nat() }),
  fc.constant({ op: 'truncate' as const }),
  fc.record({ op: fc.constant('deleteActor' as const), actor: fc.nat({ max: ACTORS - 1 }) }),
);

/** Entries made by one of the actors (or by no user at all), and what is then tried on them. */
const history = fc.record({
  entries: fc.uniqueArray(fc.tuple(arbitraries.adminAuditLog, fc.option(fc.nat({ max: ACTORS - 1 }))), {
    minLength: 1,
    maxLength: 4,
    selector: ([entry]) => entry.id,
  }),
  operations: fc.array(operation, { minLength: 1, maxLength: 5 }),
});

type History = { entries: [Insert<'admin_audit_log'>, number | null][]; operations: Operation[] };

/** The statement an operation on the log runs; identifiers come from the table's column list. */
function refusedStatement(operation: Exclude<Operation, { op: 'deleteActor' }>, entryId: unknown): [string, unknown[]] {
  switch (operation.op) {
    case 'update':
      return [
        `UPDATE admin_audit_log SET ${operation.columns.map((column) => `${column} = ${column}`).join(', ')} WHERE id = $1`,
        [entryId],
      ];
    case 'delete':
      return ['DELETE FROM admin_audit_log WHERE id = $1', [entryId]];
    case 'truncate':
      return ['TRUNCATE admin_audit_log', []];
  }
}

const readLog = async (db: TestDb) =>
  (await db.query<{ entry: Record<string, unknown> }>('SELECT to_jsonb(a) AS entry FROM admin_audit_log a ORDER BY id'))
    .rows;

/**
 * Whatever is tried, no entry is ever changed or removed: UPDATE (even a no-op), DELETE and
 * TRUNCATE are refused with insufficient_privilege, and deleting an actor only nulls actor_id.
 */
const appendOnly: DbProperty<[History]> = async (db) =>
  fc.asyncProperty(history, ({ entries, operations }) =>
    rolledBack(db, async () => {
      const { rows: actors } = await db.query<{ id: string }>(
        "INSERT INTO users (email, role) SELECT 'admin' || n || '@cutx.test', 'admin' FROM generate_series(1, $1) n RETURNING id",
        [ACTORS],
      );
      await insertRows(
        db,
        tables.admin_audit_log,
        entries.map(([entry, actor]) => ({ ...entry, actor_id: actor === null ? null : (actors[actor]?.id ?? null) })),
      );
      let expected = await readLog(db);
      for (const operation of operations) {
        const ids = expected.map((row) => row.entry.id);
        const entryId = 'entry' in operation ? ids[operation.entry % ids.length] : undefined;
        if (operation.op === 'deleteActor') {
          const actorId = actors[operation.actor]?.id;
          await db.query('DELETE FROM users WHERE id = $1', [actorId]);
          expected = expected.map(({ entry }) => ({
            entry: entry.actor_id === actorId ? { ...entry, actor_id: null } : entry,
          }));
        } else {
          const [sql, params] = refusedStatement(operation, entryId);
          const error = await attempt(db, sql, params);
          expect(error, JSON.stringify(operation)).toEqual({ code: SQL_STATE.insufficientPrivilege });
        }
        expect(await readLog(db)).toEqual(expected);
      }
    }),
  );

describe('audit (guarantee 10)', () => {
  dbTest(
    'refuses every UPDATE, DELETE and TRUNCATE of entries, and keeps them when their actor is deleted',
    async ({ db }) => {
      await fc.assert(await appendOnly(db), fcOptions(30));
    },
  );

  it('reaches UPDATE of every column, DELETE, TRUNCATE and an actor deletion in its default runs', () => {
    const tried = (matches: (operation: Operation) => boolean) => (value: History) => value.operations.some(matches);
    const cases = Object.fromEntries([
      ...columns.map((column) => [
        `update of ${column}`,
        tried((operation) => operation.op === 'update' && operation.columns.includes(column)),
      ]),
      ...(['delete', 'truncate', 'deleteActor'] as const).map((op) => [op, tried((operation) => operation.op === op)]),
    ]);
    expect(unreached(history as fc.Arbitrary<History>, 30, cases)).toEqual([]);
  });

  it.each([
    ['rows can be updated and deleted', 'DROP TRIGGER admin_audit_log_append_only ON admin_audit_log'],
    ['the log can be truncated', 'DROP TRIGGER admin_audit_log_no_truncate ON admin_audit_log'],
    [
      'entries go with their actor',
      `ALTER TABLE admin_audit_log DROP CONSTRAINT admin_audit_log_actor_id_fkey,
         ADD FOREIGN KEY (actor_id) REFERENCES users ON DELETE CASCADE`,
    ],
  ])('finds a counterexample when %s', (_name, ddl) => expectCounterexample(ddl, appendOnly, 30));
});
