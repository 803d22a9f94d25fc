import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BaseTemplate, prepareCatalogCopy } from './catalog-copy.js';
import type { Mutant as HandWritten } from './hand-written-mutants.js';
import { runChild } from './run-child.js';

/** What a copy is made of: the package's folders a test can reach. */
const COPIED = ['schema', 'src', 'test', 'factories', 'seeds', 'vitest', 'package.json', 'tsconfig.json'];

/** Time spent making copies, by phase, in milliseconds. */
export const copyTimes = { copy: 0, codegen: 0 };

/**
 * Makes `dir` a copy of the package at `root` with the bugs planted: each hand-written edit
 * made in its file, the catalog mutants' statements as a new schema file after the last;
 * then its migrated template is put into `cacheDir` and its generated files regenerated
 * from it: from `base` when only a new file was added (catalog-copy.ts), else from scratch
 * by the copy's own code (prepare-copy.ts, in a child process). Returns the files it added
 * to `cacheDir`. One copy at a time: the tests of the previous copies run beside it.
 */
export async function makeCopy(
  root: string,
  dir: string,
  statements: { name: string; sql: string }[],
  edits: HandWritten[],
  cacheDir: string,
  base: BaseTemplate,
): Promise<string[]> {
  let started = performance.now();
  for (const entry of COPIED) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  for (const edit of edits) applyEdit(dir, edit);
  if (statements.length > 0) {
    const last =
      readdirSync(join(dir, 'schema'))
        .filter((file) => /^\d{4}_.*\.sql$/.test(file))
        .sort()
        .at(-1) ?? '0000';
    const next = String(Number(last.slice(0, 4)) + 1).padStart(4, '0');
    const text = statements.map(({ name, sql }) => `-- ${name}\n${sql}`).join('\n\n');
    writeFileSync(join(dir, 'schema', `${next}_mutants.sql`), `${text}\n`);
  }
  copyTimes.copy += performance.now() - started;
  started = performance.now();
  // A new file after the applied ones migrates from the unchanged template, in this process.
  if (edits.length === 0) {
    const file = await prepareCatalogCopy(dir, base, cacheDir);
    copyTimes.codegen += performance.now() - started;
    return [file];
  }
  const before = new Set(cached(cacheDir));
  const { CUTX_SCHEMA_DIR: _schema, ...env } = process.env;
  const { status, stderr } = await runChild(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(root, 'scripts', 'mutation-run', 'prepare-copy.ts'), dir],
    { ...env, CUTX_DB_CACHE_DIR: cacheDir },
  );
  if (status !== 0) throw new Error(`preparing ${dir} failed (exit ${status}): ${stderr}`);
  copyTimes.codegen += performance.now() - started;
  return cached(cacheDir).filter((file) => !before.has(file));
}

/** The files in the template cache. */
export function cached(cacheDir: string): string[] {
  try {
    return readdirSync(cacheDir);
  } catch {
    return [];
  }
}

function applyEdit(dir: string, mutant: HandWritten): void {
  const file = join(dir, 'schema', mutant.file);
  const sql = readFileSync(file, 'utf8');
  const count = sql.split(mutant.find).length - 1;
  if (count !== 1) throw new Error(`mutant "${mutant.name}": its line occurs ${count} times in ${mutant.file}`);
  // A function, so that a $' in the SQL is not read as a replacement pattern.
  writeFileSync(
    file,
    sql.replace(mutant.find, () => mutant.replace),
  );
}
