import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every path under `dir` with its size, sorted: equal snapshots show nothing was written. */
export function treeSnapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => `${entry} ${statSync(join(dir, entry)).size}`)
    .sort();
}
