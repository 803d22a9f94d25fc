/**
 * `npm run codegen`: regenerates the TypeScript derived from the schema (metadata, Kysely
 * and Drizzle types) from a freshly migrated catalog. `--check` writes nothing and exits 1,
 * naming each stale file, when a committed file differs from what would be generated (CI).
 * `--schema DIR` and `--out DIR` read another schema folder and write under another root.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './generate.js';

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, schema: { type: 'string' }, out: { type: 'string' } },
});
const root = resolve(values.out ?? join(import.meta.dirname, '..', '..'));
const { files } = await generate(values.schema === undefined ? undefined : resolve(values.schema));

const stale = Object.entries(files).filter(([path, text]) => {
  const file = join(root, path);
  return !existsSync(file) || readFileSync(file, 'utf8') !== text;
});
if (values.check) {
  for (const [path] of stale) console.error(`${path} is stale: run \`npm run codegen\` and commit the result.`);
  process.exitCode = stale.length === 0 ? 0 : 1;
} else {
  for (const [path, text] of stale) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
  if (stale.length === 0) console.log('generated files are up to date');
}
