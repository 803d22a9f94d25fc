import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaFile } from '../../src/db/schema-files.js';
import { parseStatements } from '../../src/db/sql-statements.js';
import { declaredChanges } from './compatibility.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One squawk finding, as its JSON reporter gives it (lines 0-based). */
interface Violation {
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
  help: string | null;
  rule_name: string;
}

// The squawk rules about what old code depends on, each answered by the gate's marker of the
// same change: one `-- cutx:contract` line covers both, no `squawk-ignore` beside it.
const MARKED_RULES: Record<string, readonly string[]> = {
  'ban-drop-column': ['drop column'],
  'renaming-column': ['drop column'],
  'ban-drop-table': ['drop table'],
  'renaming-table': ['drop table'],
  'changing-column-type': ['change type'],
  'adding-not-nullable-field': ['set not null'],
  'adding-required-field': ['add not null column'],
  'ban-drop-not-null': ['drop not null'],
};

/** What the lint knows beyond one file: the columns a validated `CHECK (x IS NOT NULL)` already guards, as `table.column`. */
export type NotNullChecked = ReadonlySet<string>;

/**
 * Runs squawk (this package's, configured by its `.squawk.toml`) on the given files of
 * `dir`: those migrate wraps in a transaction with `--assume-in-transaction`, the
 * no-transaction ones without it. Drops what the gate's markers already declare, and a
 * `SET NOT NULL` behind a validated CHECK of an earlier file (`checked`, by file name).
 * Returns one line per finding, with squawk's help and the rule's documentation.
 */
export async function runSquawk(
  dir: string,
  files: readonly SchemaFile[],
  checked: ReadonlyMap<string, NotNullChecked> = new Map(),
): Promise<string[]> {
  const reports: string[] = [];
  for (const inTransaction of [true, false]) {
    const batch = files.filter((file) => file.noTransaction !== inTransaction);
    if (batch.length === 0) continue;
    const args = [
      '--config',
      '.squawk.toml',
      '--reporter',
      'json',
      ...(inTransaction ? ['--assume-in-transaction'] : []),
    ];
    const result = spawnSync(
      join(root, 'node_modules', '.bin', 'squawk'),
      [...args, ...batch.map((file) => join(dir, file.name))],
      { cwd: root, encoding: 'utf8' },
    );
    if (result.error !== undefined) throw result.error;
    const violations = JSON.parse(result.stdout || '[]') as Violation[];
    for (const file of batch) {
      const own = violations.filter((violation) => violation.file.endsWith(`/${file.name}`));
      reports.push(...(await unanswered(file, own, checked.get(file.name) ?? new Set())).map(line(file)));
    }
  }
  return reports;
}

async function unanswered(file: SchemaFile, violations: Violation[], checked: NotNullChecked): Promise<Violation[]> {
  if (violations.length === 0) return [];
  const markers = declaredChanges(file.sql);
  const statements = await parseStatements(file.sql, `schema/${file.name}`);
  const statementAt = (line: number) => statements.filter((statement) => statement.line <= line + 1).at(-1);
  return violations.filter((violation) => {
    const statement = statementAt(violation.line);
    if (statement === undefined) return true;
    const covering = MARKED_RULES[violation.rule_name] ?? [];
    // The marker must name this statement's object: its table, or its column.
    const marked = markers.some((marker) =>
      covering.some((change) => {
        if (!marker.name.startsWith(`${change} `)) return false;
        const object =
          marker.name
            .slice(change.length + 1)
            .split('.')
            .at(-1) ?? '';
        return (
          object !== '' && new RegExp(`(^|[^\\w])"?${object.replace(/\W/g, '')}"?($|[^\\w])`, 'i').test(statement.text)
        );
      }),
    );
    return (
      !marked && !(violation.rule_name === 'adding-not-nullable-field' && setsCheckedNotNull(statement.node, checked))
    );
  });
}

/** Whether an ALTER TABLE only sets NOT NULL on columns a validated CHECK (x IS NOT NULL) already guards. */
function setsCheckedNotNull(node: Record<string, unknown>, checked: NotNullChecked): boolean {
  const table = (node.relation as { relname?: string } | undefined)?.relname;
  const commands = ((node.cmds as { AlterTableCmd?: { subtype?: string; name?: string } }[] | undefined) ?? []).map(
    (command) => command.AlterTableCmd,
  );
  const setNotNull = commands.filter((command) => command?.subtype === 'AT_SetNotNull');
  return setNotNull.length > 0 && setNotNull.every((command) => checked.has(`${table}.${command?.name}`));
}

function line(file: SchemaFile): (violation: Violation) => string {
  return ({ line, column, level, rule_name, message, help }) =>
    `schema/${file.name}:${line + 1}:${column + 1}: ${level.toLowerCase()}: ${rule_name}: ${message}` +
    `${help === null ? '' : ` Help: ${help}`} (https://squawkhq.com/docs/${rule_name})`;
}
