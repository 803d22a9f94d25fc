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

/**
 * The rule tests each family of catalog mutants meets: a CHECK's or a key's the attacks
 * (and the ledger's own, which attack the balance's keys and CHECK) and the reviewed
 * definitions (an index's); a default's or a column type's the reviewed definitions and
 * the defaults read back; a trigger's or a function's every rule test.
 */
export function familyTests(rules: string[]): Record<'data' | 'definition' | 'behaviour', string[]> {
  const rule = (name: string) => `test/rules/${name}.test.ts`;
  return {
    data: [rule('attacks'), rule('ledger-guards'), rule('catalog-definitions')],
    definition: [rule('catalog-definitions'), rule('column-defaults')],
    behaviour: rules,
  };
}
