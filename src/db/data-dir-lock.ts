import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CutxDbError } from './errors.js';
import { makeDirectory } from './make-directory.js';
import { isProcessRunning } from './process-running.js';

/** A held lock on a PGlite data directory; `release` gives it up (safe to call twice). */
export interface DataDirLock {
  /** The lock file: `<dataDir>.lock`, beside the directory. */
  readonly path: string;
  release(): void;
}

interface LockRecord {
  pid: number;
  holder: string;
  /** When the holding process started (ms since the epoch): tells this process from an earlier one with its pid. */
  started?: number;
}

// The start of this process, the same in every thread of it (each thread has its own
// module state, so `heldHere` cannot see a lock that another thread holds).
const STARTED = Math.round(Date.now() - process.uptime() * 1000);
// Two readings of the start differ by clock rounding only; an earlier process with this
// pid started long before (it ran, took the lock and ended).
const SAME_START_MS = 100;

// Locks this process holds, by lock file: opening a directory twice from one process is
// as harmful as from two, and a pid check cannot see it.
const heldHere = new Map<string, string>();

/**
 * Claims a PGlite data directory for this process, because PGlite corrupts a directory
 * that two processes open at once. The lock is a file beside the directory naming the
 * owner's pid; a lock left by a process that no longer runs is taken over.
 *
 * Two processes that find the same stale lock at the same instant could both take it
 * over; that needs a crash followed by two simultaneous starts.
 *
 * @example const lock = lockDataDir('.cutx/pglite', 'cutx-db serve'); try { ... } finally { lock.release() }
 */
export function lockDataDir(dataDir: string, holder: string): DataDirLock {
  const dir = resolve(dataDir);
  const path = `${dir}.lock`;
  const heldBy = heldHere.get(path);
  if (heldBy !== undefined) throw lockedError(dir, { pid: process.pid, holder: heldBy });
  makeDirectory(dirname(path));
  const record: LockRecord = { pid: process.pid, holder, started: STARTED };
  if (!tryCreate(path, record)) {
    const owner = readRecord(path);
    if (owner !== undefined && isRunning(owner)) throw lockedError(dir, owner);
    // The owner ended without releasing it: the lock is stale.
    unlinkSync(path);
    if (!tryCreate(path, record)) throw lockedError(dir, readRecord(path));
  }
  heldHere.set(path, holder);
  return {
    path,
    release() {
      if (!heldHere.delete(path)) return;
      // Remove the file only while it is still ours.
      if (readRecord(path)?.pid === process.pid) unlinkSync(path);
    },
  };
}

function lockedError(dir: string, owner: LockRecord | undefined): CutxDbError {
  const where = owner === undefined ? 'another process' : `${owner.holder} (pid ${owner.pid})`;
  return new CutxDbError(
    'data_dir_locked',
    `The data directory ${dir} is open in ${where}; a database directory opened twice ` +
      'at once is corrupted. Stop that process, or pass another data directory.',
  );
}

/** Creates the lock file with its content in one step (a hard link fails if it exists). */
function tryCreate(path: string, record: LockRecord): boolean {
  // Written first under a private name, so no reader ever sees a half-written lock.
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${JSON.stringify(record)}\n`);
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readRecord(path: string): LockRecord | undefined {
  try {
    const { pid, holder, started } = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockRecord>;
    if (typeof pid === 'number' && Number.isInteger(pid) && typeof holder === 'string') {
      return typeof started === 'number' ? { pid, holder, started } : { pid, holder };
    }
  } catch {
    // Missing or foreign content: no live owner can be named, so the lock is stale.
  }
  return undefined;
}

/** Whether the lock was taken in this process (by any of its threads). */
function takenHere({ pid, started }: LockRecord): boolean {
  return pid === process.pid && started !== undefined && Math.abs(started - STARTED) <= SAME_START_MS;
}

function isRunning(owner: LockRecord): boolean {
  // Our own pid: held by another thread of this process if it names our start, else left
  // by an earlier process with the same pid (pid 1 in every container start).
  if (owner.pid === process.pid) return takenHere(owner);
  return isProcessRunning(owner.pid);
}

/**
 * Removes `dataDir`'s lock left by a worker thread of this process that was ended
 * (`Worker.terminate`) while holding it: such a thread runs no `release`. Call it only once
 * that thread has exited, and only for a thread known to have held the lock.
 */
export function releaseLockOfEndedThread(dataDir: string): void {
  const path = `${resolve(dataDir)}.lock`;
  if (heldHere.has(path)) return;
  const owner = readRecord(path);
  if (owner !== undefined && takenHere(owner)) unlinkSync(path);
}
