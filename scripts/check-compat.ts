/**
 * `npm run check:compat`: the compatibility gate. Classifies every change of the schema
 * since the baseline (schema-checks/baseline.ts) as expand, contract or behaviour, and exits
 * 1 on a contract or behaviour change its file does not declare (`-- cutx:contract <change>`,
 * `-- cutx:behaviour <change>`). `--record-release` instead records schema/ as released:
 * run it when the files are in production, and commit scripts/schema-checks/released.txt.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSchemaFiles } from '../src/db/schema-files.js';
import { findBaseline, RELEASED_RECORD, releasedRecord } from './schema-checks/baseline.js';
import { runCompatibilityGate } from './schema-checks/compatibility-gate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.argv.includes('--record-release')) {
  writeFileSync(join(root, RELEASED_RECORD), releasedRecord(readSchemaFiles()));
  console.log(`Recorded schema/ as released in ${RELEASED_RECORD}.`);
  process.exit(0);
}
const baseline = findBaseline(root);
console.log(`Baseline: ${baseline.reason}.`);
if (baseline.ref === undefined) {
  console.log('No schema before this one: nothing in production to stay compatible with.');
} else {
  const { changes, problems } = await runCompatibilityGate(baseline, readSchemaFiles());
  for (const change of changes) console.log(`  ${change.kind.padEnd(9)} ${change.name}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(changes.length === 0 ? 'No change to the catalog since the baseline.' : 'Compatibility: passed.');
}
