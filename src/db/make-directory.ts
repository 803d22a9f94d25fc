import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, one level at a time. Node's `mkdirSync(dir, { recursive: true })` loops
 * forever, synchronously and so deaf to SIGTERM, where mkdir answers ENOENT for a parent
 * that exists (as under /proc); here that ENOENT is thrown. Throws the first error with its
 * errno code, having created nothing before the level that failed.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let current = resolve(dir); !existsSync(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing) mkdirSync(path);
}
