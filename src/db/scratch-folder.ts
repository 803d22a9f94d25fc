import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning } from './process-running.js';

/**
 * Makes a scratch folder `<parent>/<prefix><pid>-XXXXXX` for this process, after removing
 * every folder of the same prefix that a process no longer running left there (one killed
 * mid-work never ran its clean-up). A folder of a process still running is left alone: it
 * may be another export at work.
 *
 * @example const scratch = makeScratchFolder(tmpdir(), 'cutx-db-export-')
 */
export function makeScratchFolder(parent: string, prefix: string): string {
  removeStaleScratch(parent, prefix);
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`));
}

/** Removes the `<prefix><pid>-*` folders in `parent` whose process has ended. */
export function removeStaleScratch(parent: string, prefix: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    // Nothing to clean in a folder that cannot be listed; making the new one will say why.
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(entry.slice(prefix.length))?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && !isProcessRunning(pid)) {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
}
