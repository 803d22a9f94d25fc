import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CutxDbError } from '../../src/db/errors.js';
import { fileSystemError } from '../../src/db/file-system-error.js';
import { folderEntries, followedFolder } from '../../src/db/folder-entries.js';
import { makeDirectory } from '../../src/db/make-directory.js';
import { makeScratchFolder } from '../../src/db/scratch-folder.js';

/** The names an export writes at its top level: `json/` holds one `<table>.json` per table. */
export const exportFiles = {
  sql: 'seed.sql',
  manifest: 'manifest.json',
  personas: 'personas.ts',
  personasJson: 'personas.json',
  json: 'json',
} as const;

const ROLE = 'export folder';
const INSTEAD = 'pass a new or empty folder, such as seed-out';

/** What `outDir` holds now: nothing, an empty folder, or an export this package wrote. */
type ExportTarget = 'missing' | 'empty' | 'previous export';

/**
 * Refuses a `dir` that an export must not write into, before any work is done: a file, or
 * a folder holding anything but a previous export of ours (recognised by its manifest,
 * beside only the files an export writes). Writes nothing.
 */
function checkExportFolder(dir: string): ExportTarget {
  const entries = folderEntries(dir, ROLE, INSTEAD);
  if (entries === undefined) return 'missing';
  if (entries.length === 0) return 'empty';
  try {
    if (isPreviousExport(dir, entries)) return 'previous export';
  } catch (error) {
    throw fileSystemError(error, dir, `the ${ROLE}`, INSTEAD);
  }
  throw new CutxDbError(
    'target_not_empty',
    `The export folder ${dir} holds files that are not an export of @cutx/db (one has a manifest.json ` +
      `of ours and only ${Object.values(exportFiles).join(', ')}): ${INSTEAD}.`,
  );
}

function isPreviousExport(dir: string, entries: string[]): boolean {
  const known = new Set<string>(Object.values(exportFiles));
  if (!entries.every((entry) => known.has(entry))) return false;
  if (entries.includes(exportFiles.json)) {
    const json = join(dir, exportFiles.json);
    if (!statSync(json).isDirectory() || !readdirSync(json).every((file) => file.endsWith('.json'))) return false;
  }
  try {
    const manifest = JSON.parse(readFileSync(join(dir, exportFiles.manifest), 'utf8')) as Record<string, unknown>;
    return (
      typeof manifest.scenario === 'string' &&
      typeof manifest.schemaChecksum === 'string' &&
      typeof manifest.seed === 'number' &&
      typeof manifest.tables === 'object'
    );
  } catch {
    return false;
  }
}

/** A new sibling folder that an export is written into, then moved into place. */
export interface StagedExport {
  /** The staging folder, with its `json/` made: write the export's files here. */
  path: string;
  /** Makes what was written into `path` the export folder's whole content. */
  commit(): void;
  /** A failure to write into `path` as an error naming the export folder (others unchanged). */
  writeError(error: unknown): unknown;
  /** Removes the staging folder; call it in `finally` (a no-op after `commit`). */
  discard(): void;
}

/**
 * Checks `outDir` (not empty text, which would mean the working directory; see
 * `checkExportFolder`) and makes the staging folder beside it, before
 * any work, so that a folder that cannot be written is refused at once. Files are written
 * into the staging folder, so a failure leaves `outDir` as it was; `commit` then moves a
 * previous export's files aside and the new ones in, so nothing stale survives. `outDir`
 * itself is never renamed: it may be a shell's working directory.
 */
export function stageExportFolder(outDir: string): StagedExport {
  const dir = followedFolder(outDir, ROLE, INSTEAD);
  const target = checkExportFolder(dir);
  const parent = dirname(dir);
  const failure = (error: unknown) => fileSystemError(error, dir, `the ${ROLE}`, INSTEAD);
  let staged: string;
  try {
    makeDirectory(parent);
    staged = makeScratchFolder(parent, `.${basename(dir)}.new-`);
    mkdirSync(join(staged, exportFiles.json));
  } catch (error) {
    throw failure(error);
  }
  return {
    path: staged,
    commit() {
      try {
        if (target === 'missing') {
          renameSync(staged, dir);
          return;
        }
        const previous = makeScratchFolder(parent, `.${basename(dir)}.previous-`);
        moveEntries(dir, previous);
        moveEntries(staged, dir);
        rmSync(previous, { recursive: true, force: true });
      } catch (error) {
        throw failure(error);
      }
    },
    writeError: failure,
    discard: () => rmSync(staged, { recursive: true, force: true }),
  };
}

function moveEntries(from: string, to: string): void {
  for (const entry of readdirSync(from)) renameSync(join(from, entry), join(to, entry));
}
