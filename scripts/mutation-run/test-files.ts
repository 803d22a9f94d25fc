import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The rule tests (test/rules/**\/*.test.ts, relative to `root`): the only tests a catalog
 * mutant meets. Less the coverage meta-test, which judges the tests rather than the schema.
 */
export function ruleTestFiles(root: string): string[] {
  return readdirSync(join(root, 'test', 'rules'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && file !== 'rule-coverage.test.ts')
    .map((file) => join('test', 'rules', file))
    .sort();
}

/**
 * The freshness and compatibility gates, never run against a mutant: a bug committed with
 * `npm run codegen` as a new file passes all three, so a kill by them would be no kill.
 */
export function gateFiles(): string[] {
  return [
    // The generated metadata equals the catalog.
    'test/codegen/metadata.test.ts',
    // An applied schema file was edited.
    'test/migrate/migrate.test.ts',
    // The compatibility gate against the released baseline.
    'test/schema-checks/compatibility.test.ts',
  ];
}

/** The rule tests of trigger behaviour, run only against trigger and function mutants. */
export function behaviourTestFiles(): string[] {
  return ['test/rules/job-lifecycle.test.ts', 'test/rules/ledger-commit-check.test.ts', 'test/rules/triggers.test.ts'];
}
