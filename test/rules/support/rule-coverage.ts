import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from '../../../src/db/sql-client.js';

/** A rule the migrated schema enforces, by the name its errors carry. */
export interface Rule {
  kind: 'check' | 'foreign key' | 'unique index' | 'partial index' | 'trigger';
  name: string;
  on: string;
}

/**
 * Every CHECK (of a table or a domain), foreign key, unique or partial index (primary keys
 * and unique constraints included: each has one) and trigger in `public`, from the catalog.
 */
export async function schemaRules(db: SqlClient): Promise<Rule[]> {
  const { rows } = await db.query<Rule>(
    `SELECT CASE c.contype WHEN 'c' THEN 'check' ELSE 'foreign key' END AS kind, c.conname AS name,
            coalesce(nullif(c.conrelid, 0)::regclass::text, format_type(c.contypid, NULL)) AS on
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.contype IN ('c', 'f')
     UNION ALL
     SELECT CASE WHEN x.indpred IS NULL THEN 'unique index' ELSE 'partial index' END, i.relname, t.relname
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE n.nspname = 'public' AND (x.indisunique OR x.indpred IS NOT NULL)
     UNION ALL
     SELECT 'trigger', tg.tgname, t.relname
       FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND NOT tg.tgisinternal
     ORDER BY 2`,
  );
  return rows;
}

// The first argument of a call to attack(), attacks(), attackCheck(), attackUnique(), ...,
// when it is a string literal: the convention every attacking test follows.
const ATTACK_CALL = /\battack\w*\(\s*'([a-z0-9_]+)'/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The rule names the tests under `dir` (test/, wherever this runs from) attack, read from their source. */
export function attackedRules(dir = join(import.meta.dirname, '..', '..')): Set<string> {
  const names = new Set<string>();
  for (const file of testFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(ATTACK_CALL)) names.add(match[1] ?? '');
  }
  return names;
}

/** What the two lists disagree on, one line each: an empty list is a pass. */
export function coverageProblems(rules: readonly Rule[], attacked: ReadonlySet<string>): string[] {
  const inSchema = new Set(rules.map((rule) => rule.name));
  return [
    ...rules
      .filter((rule) => !attacked.has(rule.name))
      .map(
        (rule) =>
          `${rule.kind} ${rule.name} on ${rule.on} has no test that tries to break it: add one to test/rules/ ` +
          `(attackCheck('${rule.name}', ...), attackUnique, attackForeignKey, or attacks('${rule.name}', title, body))`,
      ),
    ...[...attacked]
      .filter((name) => !inSchema.has(name))
      .map((name) => `a test attacks ${name}, which the schema does not have: rename or remove that attack`),
  ];
}
