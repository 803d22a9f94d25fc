import { readFileSync } from 'node:fs';

/**
 * This package's version, from its package.json: two folders up from `cli/` in the
 * sources, three from `dist/cli/` when installed; the first that is this package wins.
 */
export function packageVersion(): string {
  for (const up of ['../', '../../']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === '@cutx/db' && manifest.version !== undefined) return manifest.version;
    } catch {
      // Not there: try the next folder up.
    }
  }
  return 'unknown';
}
