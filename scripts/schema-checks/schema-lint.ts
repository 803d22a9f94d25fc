import { type SchemaFile, schemaDir } from '../../src/db/schema-files.js';
import { type Baseline, filesSinceBaseline } from './baseline.js';
import { runSquawk } from './squawk.js';
import { checkTransactionRules } from './transaction-rules.js';

/**
 * Lints the files of `files` that are new since `baseline` (applied files never change, so
 * only new ones can still be fixed) with our transaction rules and with squawk (told what the
 * rules learnt of the catalog before each file), and reports a baseline file that changed or
 * went away. Returns the new files and every finding.
 */
export async function lintNewSchemaFiles(
  baseline: Baseline,
  files: readonly SchemaFile[],
  dir: string = schemaDir,
): Promise<{ added: SchemaFile[]; problems: string[] }> {
  const { added, problems } = filesSinceBaseline(baseline, files);
  if (baseline.ref === undefined || added.length === 0) return { added: [], problems };
  const rules = await checkTransactionRules(files, new Set(added.map((file) => file.name)));
  problems.push(...(await runSquawk(dir, added, rules.notNullChecked)), ...rules.problems);
  return { added, problems };
}
