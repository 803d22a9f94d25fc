import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  filesSinceBaseline,
  findBaseline,
  RELEASED_RECORD,
  releasedRecord,
} from '../../scripts/schema-checks/baseline.js';
import { runCompatibilityGate } from '../../scripts/schema-checks/compatibility-gate.js';
import { readSchemaFiles } from '../../src/db/schema-files.js';

// Each case builds embedded databases and migrates them; on a machine shared by many, that is slow.
const GATE_TIME = { timeout: 300_000 };

const TABLE = 'CREATE TABLE users (id int PRIMARY KEY, legacy_x text);\n';
const DROP = 'ALTER TABLE users DROP COLUMN legacy_x;\n';

describe('the baseline the lint and the gate compare with', GATE_TIME, () => {
  let repo: string;
  const dirs: string[] = [];
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' }).trim();
  const commit = (files: Record<string, string>, message: string) => {
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(repo, name), sql);
    git('add', '-A');
    git('commit', '-qm', message);
    return git('rev-parse', 'HEAD');
  };
  const names = (at = repo, env: NodeJS.ProcessEnv = {}) => {
    const baseline = findBaseline(at, env);
    return { ref: baseline.ref, files: baseline.files.map((file) => file.name) };
  };
  /** A fresh clone of `repo` (its default branch checked out), as CI makes one. */
  const clone = (...flags: string[]) => {
    const to = mkdtempSync(join(tmpdir(), 'cutx-clone-'));
    dirs.push(to);
    execFileSync('git', ['clone', '-q', ...flags, `file://${repo}`, to]);
    return to;
  };
  const record = () => {
    mkdirSync(join(repo, 'scripts', 'schema-checks'), { recursive: true });
    writeFileSync(join(repo, RELEASED_RECORD), releasedRecord(readSchemaFiles(join(repo, 'schema'))));
  };

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'cutx-baseline-'));
    dirs.push(repo);
    mkdirSync(join(repo, 'schema'));
    git('init', '-q', '-b', 'main');
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('checks every commit of a branch: an undeclared drop in its first of two commits fails the gate', async () => {
    const main = commit({ 'schema/0001_a.sql': TABLE }, 'create');
    const work = clone();
    repo = work;
    git('checkout', '-qb', 'feature');
    commit({ 'schema/0002_drop.sql': DROP }, 'drop');
    commit({ 'schema/0003_more.sql': 'CREATE TABLE more (id int);\n' }, 'harmless');
    const baseline = findBaseline(work, {});
    expect(baseline).toMatchObject({ ref: main, files: [{ name: '0001_a.sql' }] });
    expect((await runCompatibilityGate(baseline, readSchemaFiles(join(work, 'schema')))).problems).toEqual([
      expect.stringContaining('`-- cutx:contract drop column users.legacy_x`'),
    ]);
  });

  it('in a fresh clone of main, where the branch has landed, is the released record: the drop still fails', async () => {
    commit({ 'schema/0001_a.sql': TABLE }, 'create');
    record();
    commit({}, 'release 0001');
    commit({ 'schema/0002_drop.sql': DROP }, 'drop');
    commit({ 'schema/0003_more.sql': 'CREATE TABLE more (id int);\n' }, 'harmless');
    const ci = clone();
    const baseline = findBaseline(ci, {});
    expect(baseline).toMatchObject({ ref: RELEASED_RECORD, files: [{ name: '0001_a.sql' }] });
    expect((await runCompatibilityGate(baseline, readSchemaFiles(join(ci, 'schema')))).problems).toHaveLength(1);
    // A shallow clone needs no history for it.
    expect(names(clone('--depth', '1')).files).toEqual(['0001_a.sql']);
  });

  it('reports an edit or a deletion of a released file in a later commit', () => {
    commit({ 'schema/0001_a.sql': TABLE, 'schema/0002_b.sql': 'SELECT 2;\n' }, 'create');
    record();
    commit({ 'schema/0001_a.sql': `${TABLE}-- edited\n` }, 'edit');
    git('rm', '-q', 'schema/0002_b.sql');
    commit({}, 'delete');
    const baseline = findBaseline(repo, {});
    expect(filesSinceBaseline(baseline, readSchemaFiles(join(repo, 'schema'))).problems).toEqual([
      'schema/0002_b.sql is gone: applied files never go away.',
      'schema/0001_a.sql has changed: applied files never change; put the change in a new file.',
    ]);
  });

  it('is an error, not a silent pass, when there is no baseline at all', () => {
    commit({ 'schema/0001_a.sql': TABLE }, 'create');
    commit({ 'schema/0002_drop.sql': DROP }, 'drop');
    expect(() => findBaseline(repo, {})).toThrow(/No schema baseline: .*CUTX_SCHEMA_BASELINE/);
    expect(() => findBaseline(clone('--depth', '1'), {})).toThrow(/this clone is shallow/);
  });

  it('is the newest schema-v* tag before the record, and the merge base with CUTX_SCHEMA_BASELINE above all', () => {
    const first = commit({ 'schema/0001_a.sql': 'SELECT 1;\n' }, 'create');
    record();
    const second = commit({ 'schema/0002_b.sql': 'SELECT 2;\n' }, 'add b');
    git('tag', 'schema-v1', second);
    commit({ 'schema/0003_c.sql': 'SELECT 3;\n' }, 'add c');
    git('tag', 'other-tag');
    expect(names()).toEqual({ ref: second, files: ['0001_a.sql', '0002_b.sql'] });
    expect(names(repo, { CUTX_SCHEMA_BASELINE: first })).toEqual({ ref: first, files: ['0001_a.sql'] });
  });

  it('is the merge base with CUTX_SCHEMA_TARGET, whatever the target did since', () => {
    const base = commit({ 'schema/0001_a.sql': 'SELECT 1;\n' }, 'create');
    git('checkout', '-qb', 'feature');
    commit({ 'schema/0002_b.sql': 'SELECT 2;\n' }, 'add b');
    git('checkout', '-q', 'main');
    commit({ 'schema/0002_c.sql': 'SELECT 3;\n' }, 'main moves on');
    git('checkout', '-q', 'feature');
    expect(names(repo, { CUTX_SCHEMA_TARGET: 'main' })).toEqual({ ref: base, files: ['0001_a.sql'] });
  });

  it('reads each file byte for byte, so an unchanged file keeps its checksum', () => {
    const first = commit({ 'schema/0001_a.sql': 'SELECT 1;' }, 'create');
    commit({ 'schema/0002_b.sql': 'SELECT 2;\n\n\n' }, 'add b');
    const baseline = findBaseline(repo, { CUTX_SCHEMA_BASELINE: 'HEAD' });
    expect(baseline.files.map((file) => file.sql)).toEqual(['SELECT 1;', 'SELECT 2;\n\n\n']);
    expect(findBaseline(repo, { CUTX_SCHEMA_BASELINE: first }).files).toHaveLength(1);
  });
});
