import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Where the repository records the schema files production has applied: `<name> <sha256>` a line. */
export const RELEASED_RECORD = 'scripts/schema-checks/released.txt';

/**
 * Finds the baseline in the repository at `cwd`, the first of:
 * 1. the merge base of HEAD with `CUTX_SCHEMA_BASELINE` (any git revision), when set;
 * 2. the merge base of HEAD with the branch the change will land on (`CUTX_SCHEMA_TARGET`,
 *    else the remote's default branch, `origin/HEAD`), when HEAD has commits it lacks: every
 *    commit of a branch is then checked, not only its newest;
 * 3. the newest `schema-v*` tag reachable from HEAD: a release, what production runs;
 * 4. the files `scripts/schema-checks/released.txt` records with their checksums: what the
 *    last release applied. This is the baseline of a clone of the target branch itself
 *    (CI's fresh clone of main), where which commit was main before a submission landed
 *    cannot be known, and it needs no history (shallow clones included).
 * No baseline at all is an error, never a silent pass: name one in `CUTX_SCHEMA_BASELINE`.
 * A revision without `schema/` (before the schema was created) is an empty baseline.
 */
export function findBaseline(cwd: string, env: NodeJS.ProcessEnv = process.env): Baseline {
  const given = env.CUTX_SCHEMA_BASELINE;
  if (given) return atRevision(cwd, mergeBase(cwd, given) ?? given, `the merge base with ${given}`);
  const shallow = tryGit(['rev-parse', '--is-shallow-repository'], cwd) === 'true';
  // A shallow clone's history is cut off: a merge base or a tag could be missing from it.
  const fromGit = shallow ? undefined : fromHistory(cwd, env);
  if (fromGit !== undefined) return fromGit;
  const released = fromRecord(cwd);
  if (released !== undefined) return released;
  throw new CutxDbError(
    'invalid_input',
    `No schema baseline${shallow ? ' (this clone is shallow: its history is cut off)' : ''}: no target branch to merge with, no schema-v* tag and no ${RELEASED_RECORD}. ` +
      'Name the revision production runs in CUTX_SCHEMA_BASELINE (or fetch the history whole: git fetch --unshallow).',
  );
}

function fromHistory(cwd: string, env: NodeJS.ProcessEnv): Baseline | undefined {
  const head = tryGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd);
  const target =
    env.CUTX_SCHEMA_TARGET ||
    tryGit(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], cwd)?.replace(/^refs\/remotes\//, '');
  const base = target === undefined ? undefined : mergeBase(cwd, target);
  if (target !== undefined && base !== undefined && base !== head) {
    return atRevision(cwd, base, `the merge base with ${target}, the branch this lands on`);
  }
  // HEAD is on the target branch (or there is none): what landed is checked against the release.
  const tag = tryGit(['describe', '--tags', '--abbrev=0', '--match', 'schema-v*', 'HEAD'], cwd);
  return tag === undefined ? undefined : atRevision(cwd, tag, 'the newest schema-v* tag');
}

function mergeBase(cwd: string, revision: string): string | undefined {
  return tryGit(['merge-base', 'HEAD', revision], cwd);
}

/** The record's files as the working tree has them, each with the checksum it was released with. */
function fromRecord(cwd: string): Baseline | undefined {
  let text: string;
  try {
    text = readFileSync(join(cwd, RELEASED_RECORD), 'utf8');
  } catch {
    return undefined;
  }
  const now = new Map(readSchemaFiles(join(cwd, 'schema')).map((file) => [file.name, file]));
  const files = text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line): SchemaFile => {
      const [name = '', checksum = ''] = line.trim().split(/\s+/);
      const file = now.get(name);
      // A changed or missing file keeps the released checksum, so it is reported as such.
      return { name, checksum, sql: file?.sql ?? '', noTransaction: file?.noTransaction ?? false };
    });
  return { ref: RELEASED_RECORD, reason: `${RELEASED_RECORD} (the files the last release applied)`, files };
}

/** The text of the record for `files`: what `--record-release` writes once they are in production. */
export function releasedRecord(files: readonly SchemaFile[]): string {
  const lines = files.map((file) => `${file.name} ${file.checksum}`);
  return `# The schema files production has applied (the baseline of a clone of main). Update on release.\n${lines.join('\n')}\n`;
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
