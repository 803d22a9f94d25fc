/**
 * A throwaway vitest project outside the repository that imports `@cutx/db` as a service
 * does: through package.json `exports`, so from dist/ (npm run bench builds it first).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the compiled bench runs from node_modules/.cache/cutx-db-bench/bench/. */
const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The package as npm installs it, at `target`: the published files (package.json `files`),
 * dist/ and package.json copied and the rest linked. A copy, not a link: vitest runs a
 * module whose real path is outside node_modules through Vite's transform as if it were the
 * project's own source, where an installed package is imported by Node directly; and
 * resolvers take a package's folder from the real path of its package.json.
 */
function installPackage(target: string): void {
  mkdirSync(target);
  const { files } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { files: string[] };
  const tops = new Set(['package.json', ...files.map((file) => file.split('/')[0] as string)]);
  for (const top of tops) {
    if (top === 'dist' || top === 'package.json') cpSync(join(repo, top), join(target, top), { recursive: true });
    else symlinkSync(join(repo, top), join(target, top));
  }
}

/**
 * Writes a vitest project into the empty folder `folder`: `files` (path to content), a
 * package.json, and a node_modules that links to the repository's packages (dot entries such
 * as .vite left out, so vitest's cache stays in the project) and holds `@cutx/db` installed
 * from the repository.
 */
export function writeScratchVitestProject(folder: string, files: Record<string, string>): void {
  const modules = join(folder, 'node_modules');
  mkdirSync(join(modules, '@cutx'), { recursive: true });
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (!entry.startsWith('.')) symlinkSync(join(repo, 'node_modules', entry), join(modules, entry));
  }
  installPackage(join(modules, '@cutx', 'db'));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
}

/**
 * Runs `vitest run` with `args` in `folder`, with the environment `env`, and returns what it
 * printed. Throws with vitest's output when the run fails.
 */
export function runVitest(folder: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const vitest = join(repo, 'node_modules', 'vitest', 'vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', ...args], {
    cwd: folder,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`vitest run ${args.join(' ')} failed (${run.status}):\n${output}`);
  return output;
}

/**
 * Runs `vitest run` in a fresh folder holding `files` (see `writeScratchVitestProject`), and
 * removes the folder afterwards. Throws with vitest's output when the run fails.
 *
 * @returns what `read` returns, called on the folder after the run, before it is removed
 */
export function inScratchVitestProject<T>(
  files: Record<string, string>,
  args: readonly string[],
  read: (folder: string, output: string) => T,
): T {
  const folder = mkdtempSync(join(tmpdir(), 'cutx-db-bench-'));
  try {
    writeScratchVitestProject(folder, files);
    return read(folder, runVitest(folder, args));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
