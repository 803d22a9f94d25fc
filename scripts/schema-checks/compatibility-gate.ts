import { type CatalogDifference, diffCatalogSnapshots, readCatalogSnapshot } from '../../src/db/catalog-snapshot.js';
import { createPglite } from '../../src/db/create-pglite.js';
import { migrate } from '../../src/db/migrate.js';
import type { SchemaFile } from '../../src/db/schema-files.js';
import { type Baseline, filesSinceBaseline } from './baseline.js';
import { type Change, classifyChanges, declaredContractions, undeclared } from './compatibility.js';

/** What the gate found: every change since the baseline, and the reasons it fails (none: it passes). */
export interface GateResult {
  changes: Change[];
  problems: string[];
}

/**
 * Compares the catalog `baseline.files` make with the one `files` make, classifies each
 * difference, and fails on a contracting change that no new file declares with
 * `-- cutx:contract <change>`, on a marker that names no contracting change, and (before
 * comparing anything) on a baseline file that changed or went away.
 */
export async function runCompatibilityGate(baseline: Baseline, files: readonly SchemaFile[]): Promise<GateResult> {
  const { added, problems } = filesSinceBaseline(baseline, files);
  // With the history broken, comparing catalogs would only add noise to the real problem.
  if (added.length === 0 || problems.length > 0) return { changes: [], problems };
  const changes = classifyChanges(await catalogChange(baseline.files, files));
  const { missing, stale } = undeclared(
    changes,
    added.flatMap((file) => declaredContractions(file.sql)),
  );
  const newFiles = added.map((file) => `schema/${file.name}`).join(', ');
  for (const name of missing) {
    problems.push(
      `Contracting change not declared: ${name}. Old code of the other services may break. If this is the ` +
        `contract step of an expand/contract rollout (no deployed service uses it any more), add the line ` +
        `\`-- cutx:contract ${name}\` to ${newFiles}.`,
    );
  }
  for (const name of stale) {
    problems.push(`\`-- cutx:contract ${name}\` names no contracting change of ${newFiles}: fix or remove it.`);
  }
  return { changes, problems };
}

/**
 * The differences between the catalog `before` makes and the one `after` makes, on one
 * embedded database: `before` applied, read, then the rest of `after` applied on top, as
 * production would get it (the checks above make `before` a prefix of `after`).
 */
async function catalogChange(
  before: readonly SchemaFile[],
  after: readonly SchemaFile[],
): Promise<CatalogDifference[]> {
  const db = await createPglite();
  try {
    await migrate(db, before);
    const was = await readCatalogSnapshot(db);
    await migrate(db, after);
    return diffCatalogSnapshots(was, await readCatalogSnapshot(db));
  } finally {
    await db.close();
  }
}
