import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate } from '../codegen/generate.js';
import type { Mutant as HandWritten } from './hand-written-mutants.js';

/** What a copy is made of: the package's folders a test can reach. */
const COPIED = ['schema', 'src', 'test', 'factories', 'seeds', 'vitest', 'package.json', 'tsconfig.json'];

/** Time spent making copies, by phase, in milliseconds. */
export const copyTimes = { copy: 0, codegen: 0 };

/**
 * Makes `dir` a copy of the package at `root` with the bugs planted: each hand-written edit
 * made in its file, the catalog mutants' statements as a new schema file after the last,
 * and the generated files regenerated from the result (what `npm run codegen` runs).
 */
export async function makeCopy(
  root: string,
  dir: string,
  statements: { name: string; sql: string }[],
  edits: HandWritten[],
): Promise<void> {
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
  const { files } = await generate(join(dir, 'schema'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  copyTimes.codegen += performance.now() - started;
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
