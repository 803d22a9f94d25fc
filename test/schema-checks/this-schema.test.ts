import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBaseline } from '../../scripts/schema-checks/baseline.js';
import { runCompatibilityGate } from '../../scripts/schema-checks/compatibility-gate.js';
import { lintNewSchemaFiles } from '../../scripts/schema-checks/schema-lint.js';
import { readSchemaFiles } from '../../src/db/schema-files.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// What CI's lint:schema and check:compat decide, here too, so a new schema file's findings
// show up in `npm test` before it is merged. Once is enough: the PGlite run.
describe("this repository's new schema files", () => {
  it('pass the schema lint and the compatibility gate against the baseline', async () => {
    const baseline = findBaseline(root);
    const files = readSchemaFiles();
    expect((await lintNewSchemaFiles(baseline, files)).problems).toEqual([]);
    if (baseline.ref !== undefined) expect((await runCompatibilityGate(baseline, files)).problems).toEqual([]);
  });
});
