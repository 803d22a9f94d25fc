import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CutxDbError } from '../../src/db/errors.js';
import { readSchemaFiles, type SchemaFile } from '../../src/db/schema-files.js';

/** The schema a change is checked against: what production is taken to have applied. */
export interface Baseline {
  /** A git revision, or `undefined` when there is no schema before this one. */
  ref: string | undefined;
  /** Why this revision, for the report. */
  reason: string;
  files: SchemaFile[];
}

function git(args: string[], cwd: string): string {
  return gitRaw(args, cwd).trim();
}

function gitRaw(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryGit(args: string[], cwd: string): string | undefined {
  try {
    return git(args, cwd) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the baseline in the repository at `cwd`, the first of:
 * 1. `CUTX_SCHEMA_BASELINE` (any git revision), when set;
 * 2. the newest `schema-v*` tag reachable from HEAD: a release, what production runs;
 * 3. the parent of the newest commit that added a file to `schema/`: every file older than
 *    the newest one is taken as applied. It works in a fresh clone of main (no branch to
 *    compare with) and on a branch. A file not committed yet counts as added after HEAD,
 *    so then the baseline is HEAD.
 * When that revision has no `schema/` (the commit that created the schema) there is
 * nothing in production to stay compatible with, and the baseline is empty.
 */
export function findBaseline(cwd: string, env: NodeJS.ProcessEnv = process.env): Baseline {
  const given = env.CUTX_SCHEMA_BASELINE;
  if (given) return atRevision(cwd, given, 'CUTX_SCHEMA_BASELINE');
  if (tryGit(['rev-parse', '--is-shallow-repository'], cwd) === 'true') {
    // A shallow clone's oldest commit looks as if it added every file: the baseline would be empty.
    throw new CutxDbError(
      'invalid_input',
      'This clone is shallow, so the schema history is cut off: fetch it whole (git fetch --unshallow, or ' +
        'fetch-depth: 0 in CI) or name the baseline in CUTX_SCHEMA_BASELINE.',
    );
  }
  const tag = tryGit(['describe', '--tags', '--abbrev=0', '--match', 'schema-v*', 'HEAD'], cwd);
  if (tag !== undefined) return atRevision(cwd, tag, `the newest schema-v* tag`);
  const uncommitted = tryGit(['status', '--porcelain', '--untracked-files=all', '--', 'schema/'], cwd) ?? '';
  if (/^(\?\?|A)/m.test(uncommitted)) return atRevision(cwd, 'HEAD', 'schema/ has a file not committed yet');
  const added = tryGit(['log', '-1', '--format=%H', '--diff-filter=A', 'HEAD', '--', 'schema/'], cwd);
  const parent = added === undefined ? undefined : tryGit(['rev-parse', '--verify', '--quiet', `${added}^`], cwd);
  if (added === undefined || parent === undefined) {
    return { ref: undefined, reason: 'no commit before the schema was created', files: [] };
  }
  return atRevision(cwd, parent, `the parent of ${added.slice(0, 10)}, the newest commit that added a schema file`);
}

function atRevision(cwd: string, ref: string, why: string): Baseline {
  const commit = git(['rev-parse', '--verify', `${ref}^{commit}`], cwd);
  const names = (tryGit(['ls-tree', '--name-only', commit, 'schema/'], cwd) ?? '')
    .split('\n')
    .filter((path) => path.endsWith('.sql'));
  // Read through readSchemaFiles, so the baseline is named, hashed and marked as migrate sees it.
  const dir = mkdtempSync(join(tmpdir(), 'cutx-baseline-'));
  try {
    for (const path of names) {
      writeFileSync(join(dir, path.slice('schema/'.length)), gitRaw(['show', `${commit}:${path}`], cwd));
    }
    return { ref: commit, reason: `${ref} (${why})`, files: readSchemaFiles(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The files of `files` that are new since `baseline`, and how the others broke the rule that applied files never change. */
export function filesSinceBaseline(
  baseline: Baseline,
  files: readonly SchemaFile[],
): { added: SchemaFile[]; problems: string[] } {
  const before = new Map(baseline.files.map((file) => [file.name, file]));
  const now = new Set(files.map((file) => file.name));
  const problems: string[] = [];
  for (const file of baseline.files) {
    if (!now.has(file.name)) problems.push(`schema/${file.name} is gone: applied files never go away.`);
  }
  const last = baseline.files.at(-1)?.name ?? '';
  const added: SchemaFile[] = [];
  for (const file of files) {
    const old = before.get(file.name);
    if (old === undefined) {
      added.push(file);
      if (file.name < last) problems.push(`schema/${file.name} sorts before ${last}: number it after the last one.`);
    } else if (old.checksum !== file.checksum) {
      problems.push(`schema/${file.name} has changed: applied files never change; put the change in a new file.`);
    }
  }
  return { added, problems };
}
