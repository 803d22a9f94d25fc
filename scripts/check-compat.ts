/**
 * `npm run check:compat`: the compatibility gate. Classifies every change of the schema
 * since the baseline (schema-checks/baseline.ts) as expanding or contracting, and exits 1
 * on a contracting change its file does not declare (`-- cutx:contract <change>`).
 */
import { fileURLToPath } from 'node:url';
import { readSchemaFiles } from '../src/db/schema-files.js';
import { findBaseline } from './schema-checks/baseline.js';
import { runCompatibilityGate } from './schema-checks/compatibility-gate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const baseline = findBaseline(root);
console.log(`Baseline: ${baseline.reason}.`);
if (baseline.ref === undefined) {
  console.log('No schema before this one: nothing in production to stay compatible with.');
} else {
  const { changes, problems } = await runCompatibilityGate(baseline, readSchemaFiles());
  for (const change of changes) console.log(`  ${change.kind === 'expand' ? 'expand  ' : 'contract'}  ${change.name}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(changes.length === 0 ? 'No change to the catalog since the baseline.' : 'Compatibility: passed.');
}
