import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { CutxDbError } from '../../src/db/errors.js';

const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

/**
 * `source` as biome formats it under the repository's settings, so generated files pass
 * `npm run lint` and the check compares like with like. `path` only tells biome the language.
 */
export function formatTypeScript(source: string, path: string): string {
  const result = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${path}`], {
    input: source,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new CutxDbError('invalid_input', `biome could not format the generated ${path}: ${result.stderr}`);
  }
  return result.stdout;
}
