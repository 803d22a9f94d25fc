/**
 * `npm run lint:schema`: lints the schema files new since the baseline (see
 * schema-checks/baseline.ts) with squawk and with our own rules. Exits 1 on any finding.
 */
import { fileURLToPath } from 'node:url';
import { readSchemaFiles } from '../src/db/schema-files.js';
import { findBaseline } from './schema-checks/baseline.js';
import { lintNewSchemaFiles } from './schema-checks/schema-lint.js';

const baseline = findBaseline(fileURLToPath(new URL('..', import.meta.url)));
console.log(`Baseline: ${baseline.reason}.`);
const { added, problems } = await lintNewSchemaFiles(baseline, readSchemaFiles());
if (baseline.ref === undefined) {
  console.log('No schema before this one: nothing runs in production yet, nothing to lint against.');
} else {
  console.log(
    added.length === 0
      ? 'No schema file is new since the baseline.'
      : `Linted ${added.map((file) => file.name).join(', ')}.`,
  );
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('Schema lint: no findings.');
