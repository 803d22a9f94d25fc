import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBaseline } from '../../scripts/schema-checks/baseline.js';

describe('the baseline the lint and the gate compare with', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' }).trim();
  const commit = (files: Record<string, string>, message: string) => {
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(repo, 'schema', name), sql);
    git('add', '-A');
    git('commit', '-qm', message);
    return git('rev-parse', 'HEAD');
  };
  const names = (env: NodeJS.ProcessEnv = {}) => {
    const baseline = findBaseline(repo, env);
    return { ref: baseline.ref, files: baseline.files.map((file) => file.name) };
  };

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'cutx-baseline-'));
    mkdirSync(join(repo, 'schema'));
    git('init', '-q');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('is empty while the only schema commit is the one that created it', () => {
    commit({ '0001_a.sql': 'SELECT 1;\n' }, 'create');
    expect(names()).toEqual({ ref: undefined, files: [] });
  });

  it('is the parent of the newest commit that added a schema file, whatever came after it', () => {
    const first = commit({ '0001_a.sql': 'SELECT 1;\n' }, 'create');
    commit({ '0002_b.sql': 'SELECT 2;\n' }, 'add b');
    writeFileSync(join(repo, 'README'), 'docs');
    commit({}, 'not schema');
    expect(names()).toEqual({ ref: first, files: ['0001_a.sql'] });
  });

  it('is HEAD when a schema file is not committed yet', () => {
    commit({ '0001_a.sql': 'SELECT 1;\n' }, 'create');
    const second = commit({ '0002_b.sql': 'SELECT 2;\n' }, 'add b');
    writeFileSync(join(repo, 'schema', '0003_c.sql'), 'SELECT 3;\n');
    expect(names()).toEqual({ ref: second, files: ['0001_a.sql', '0002_b.sql'] });
  });

  it('is the newest schema-v* tag when there is one, and CUTX_SCHEMA_BASELINE above all', () => {
    const first = commit({ '0001_a.sql': 'SELECT 1;\n' }, 'create');
    const second = commit({ '0002_b.sql': 'SELECT 2;\n' }, 'add b');
    git('tag', 'schema-v1', second);
    commit({ '0003_c.sql': 'SELECT 3;\n' }, 'add c');
    git('tag', 'other-tag');
    expect(names()).toEqual({ ref: second, files: ['0001_a.sql', '0002_b.sql'] });
    expect(names({ CUTX_SCHEMA_BASELINE: first })).toEqual({ ref: first, files: ['0001_a.sql'] });
  });

  it('reads each file byte for byte, so an unchanged file keeps its checksum', () => {
    commit({ '0001_a.sql': 'SELECT 1;' }, 'create');
    commit({ '0002_b.sql': 'SELECT 2;\n\n\n' }, 'add b');
    writeFileSync(join(repo, 'schema', '0003_c.sql'), 'x');
    const baseline = findBaseline(repo, {});
    expect(baseline.files.map((file) => file.sql)).toEqual(['SELECT 1;', 'SELECT 2;\n\n\n']);
  });

  it('refuses a shallow clone, whose cut-off history would make every file look new', () => {
    commit({ '0001_a.sql': 'SELECT 1;\n' }, 'create');
    commit({ '0002_b.sql': 'SELECT 2;\n' }, 'add b');
    const shallow = `${repo}-shallow`;
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    try {
      expect(() => findBaseline(shallow, {})).toThrow(/This clone is shallow/);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});
