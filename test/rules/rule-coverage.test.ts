import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../support/test-db.js';
import { allAttacks } from './cases/index.js';
import { attackCheck } from './support/attack.js';
import { type BaseRows, createBaseRows } from './support/base-rows.js';
import { unattackedBranches } from './support/branch-coverage.js';
import { attackedRules, coverageProblems, schemaRules } from './support/rule-coverage.js';

let db: TestDb;
let base: BaseRows;
beforeAll(async () => {
  db = await openTestDb();
  base = await createBaseRows(db);
});
afterAll(() => db.close());

/** The comparison, on the schema as `ddl` leaves it (rolled back afterwards). */
async function problemsAfter(ddl: string, attacked = attackedRules()): Promise<string[]> {
  await db.exec(`BEGIN; ${ddl}`);
  try {
    return coverageProblems(await schemaRules(db), attacked);
  } finally {
    await db.exec('ROLLBACK');
  }
}

describe('every branch of every CHECK has an attack row that only it refuses or accepts', () => {
  it('tells each CHECK from every bug that loses a branch: a disjunct, a conjunct, a case, a boundary, a side, a list element, an anchor', async () => {
    expect(await unattackedBranches(db, base, allAttacks)).toEqual([]);
  });

  it('names the branch a new CHECK leaves unattacked', async () => {
    await db.exec('BEGIN');
    try {
      await db.exec("ALTER TABLE users ADD CONSTRAINT users_role_check_2 CHECK (role <> 'root' OR status = 'banned')");
      // Named through a variable: a literal here would count as an attack in the source scan.
      const rule = 'users_role_check_2';
      // Attacked on its first disjunct only: a root that is not banned is refused.
      const attacks = [...allAttacks, attackCheck(rule, 'users', { role: 'user' }, { role: 'root', status: 'active' })];
      const problems = await unattackedBranches(db, base, attacks);
      expect(problems.filter((line) => line.includes('users_role_check_2'))).toEqual([
        'CHECK users_role_check_2: no attack row tells it from the bug "disjunct (status = \'banned\'::text) dropped"',
      ]);
    } finally {
      await db.exec('ROLLBACK');
    }
  });
});

describe('every rule of the schema has a test that tries to break it', () => {
  it('has an attack for every CHECK, foreign key, unique or partial index and trigger, and none for a missing one', async () => {
    expect(coverageProblems(await schemaRules(db), attackedRules())).toEqual([]);
  });

  it('finds rules of each kind in the catalog', async () => {
    const kinds = new Set((await schemaRules(db)).map((rule) => rule.kind));
    expect([...kinds].sort()).toEqual(['check', 'foreign key', 'partial index', 'trigger', 'unique index']);
  });

  it.each([
    [
      'a CHECK',
      'ALTER TABLE users ADD CONSTRAINT users_bio_length CHECK (length(display_name) < 100)',
      'check users_bio_length',
    ],
    [
      'a domain CHECK',
      "ALTER DOMAIN currency_code ADD CONSTRAINT currency_code_known CHECK (VALUE <> 'XXX')",
      'check currency_code_known',
    ],
    [
      'a partial index',
      "CREATE INDEX idx_jobs_open ON generation_jobs (user_id) WHERE status = 'pending'",
      'partial index idx_jobs_open',
    ],
    [
      'a unique index',
      'CREATE UNIQUE INDEX idx_projects_name ON projects (user_id, name)',
      'unique index idx_projects_name',
    ],
    [
      'a foreign key',
      'ALTER TABLE projects ADD CONSTRAINT projects_owner_fkey FOREIGN KEY (user_id) REFERENCES users',
      'foreign key projects_owner_fkey',
    ],
    [
      'a trigger',
      'CREATE TRIGGER projects_touch BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
      'trigger projects_touch',
    ],
  ])('fails when %s without a test is added', async (_kind, ddl, reported) => {
    expect((await problemsAfter(ddl)).join('\n')).toContain(`${reported} on `);
  });

  it('fails when a test attacks a rule the schema does not have', async () => {
    const problems = await problemsAfter('ALTER TABLE users DROP CONSTRAINT users_role_check');
    expect(problems).toEqual([
      'a test attacks users_role_check, which the schema does not have: rename or remove that attack',
    ]);
  });

  it('reads each attack named in the tests', () => {
    const attacked = attackedRules();
    for (const name of [
      'users_role_check',
      'idx_subscriptions_one_live_per_user',
      'generation_jobs_status_transition',
    ]) {
      expect(attacked).toContain(name);
    }
  });
});
