/**
 * `npm run lint:schema`: lints the schema files new since the baseline (see
 * schema-checks/baseline.ts; files already applied in production never change, so only new
 * ones can still be fixed) with squawk and with our own rules. Exits 1 on any finding.
 */
import { fileURLToPath } from 'node:url';
import { readSchemaFiles, schemaDir } from '../src/db/schema-files.js';
import { filesSinceBaseline, findBaseline } from './schema-checks/baseline.js';
import { runSquawk } from './schema-checks/squawk.js';
import { checkTransactionRules } from './schema-checks/transaction-rules.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const baseline = findBaseline(root);
const files = readSchemaFiles();
const { added, problems } = filesSinceBaseline(baseline, files);
console.log(`Baseline: ${baseline.reason}.`);
if (baseline.ref === undefined) {
  console.log('No schema before this one: nothing runs in production yet, nothing to lint against.');
} else if (added.length === 0) {
  console.log('No schema file is new since the baseline.');
} else {
  console.log(`Linting ${added.map((file) => file.name).join(', ')}.`);
  problems.push(...runSquawk(schemaDir, added));
  problems.push(...(await checkTransactionRules(files, new Set(added.map((file) => file.name)))));
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('Schema lint: no findings.');
