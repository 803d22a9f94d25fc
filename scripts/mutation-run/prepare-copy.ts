// tsx scripts/mutation-run/prepare-copy.ts <copy>: run by run.ts in a child process per
// scratch copy (its modules and its template are let go when it exits), with
// CUTX_DB_CACHE_DIR pointing where the copy's tests look for their template.
//
// 1. Builds the copy's migrated template with the copy's own code (src/db/template), from
//    its own schema/, bugs included: the tests of the copy then load it instead of each
//    migrating the schema again.
// 2. Regenerates the copy's generated files from that database's catalog, with the same
//    rendering `npm run codegen` uses (its migrate is the one the template just ran).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPglite } from '../../src/db/create-pglite.js';
import { renderGenerated } from '../codegen/generate.js';
import { readMetadata } from '../codegen/read-catalog.js';

const copy = resolve(process.argv[2] ?? '.');
const module = (path: string) => import(pathToFileURL(join(copy, path)).href);
const { migratedTemplate } = (await module('src/db/template/migrated-template.ts')) as {
  migratedTemplate(): Promise<Blob>;
};
const template = await migratedTemplate();
const db = await createPglite({}, () => Promise.resolve(template));
try {
  for (const [path, text] of Object.entries(renderGenerated(await readMetadata(db)))) {
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    writeFileSync(join(copy, path), text);
  }
} finally {
  await db.close();
}
