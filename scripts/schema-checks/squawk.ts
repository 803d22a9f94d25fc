import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaFile } from '../../src/db/schema-files.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs squawk (this package's, configured by its `.squawk.toml`) on the given files of
 * `dir`: those migrate wraps in a transaction with `--assume-in-transaction`, the
 * no-transaction ones without it. Returns squawk's report of each violation (empty when none).
 */
export function runSquawk(dir: string, files: readonly SchemaFile[]): string[] {
  const reports: string[] = [];
  for (const inTransaction of [true, false]) {
    const paths = files.filter((file) => file.noTransaction !== inTransaction).map((file) => join(dir, file.name));
    if (paths.length === 0) continue;
    const args = [
      '--config',
      '.squawk.toml',
      '--reporter',
      'gcc',
      ...(inTransaction ? ['--assume-in-transaction'] : []),
    ];
    const result = spawnSync(join(root, 'node_modules', '.bin', 'squawk'), [...args, ...paths], {
      cwd: root,
      encoding: 'utf8',
    });
    if (result.error !== undefined) throw result.error;
    if (result.status !== 0) reports.push(`${result.stdout}${result.stderr}`.trim());
  }
  return reports;
}
