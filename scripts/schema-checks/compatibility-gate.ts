import { type CatalogSnapshot, diffCatalogSnapshots, readCatalogSnapshot } from '../../src/db/catalog-snapshot.js';
import { createPglite } from '../../src/db/create-pglite.js';
import { migrate } from '../../src/db/migrate.js';
import type { SchemaFile } from '../../src/db/schema-files.js';
import { type Baseline, filesSinceBaseline } from './baseline.js';
import { type Change, classifyChanges, declaredChanges, MARKERS, undeclared } from './compatibility.js';

/** What the gate found: every change since the baseline, and the reasons it fails (none: it passes). */
export interface GateResult {
  changes: Change[];
  problems: string[];
}

/**
 * Compares the catalog `baseline.files` make with the one `files` make, classifies each
 * difference (expand, contract, behaviour), and fails on a contract or behaviour change that
 * no new file declares with `-- cutx:contract <change>` or `-- cutx:behaviour <change>`, on a
 * marker that names no such change, and (before comparing anything) on a baseline file that
 * changed or went away.
 */
export async function runCompatibilityGate(baseline: Baseline, files: readonly SchemaFile[]): Promise<GateResult> {
  const { added, problems } = filesSinceBaseline(baseline, files);
  // With the history broken, comparing catalogs would only add noise to the real problem.
  if (added.length === 0 || problems.length > 0) return { changes: [], problems };
  const { before, after } = await catalogs(baseline.files, files);
  const changes = classifyChanges(diffCatalogSnapshots(before, after), before);
  const { missing, stale } = undeclared(
    changes,
    added.flatMap((file) => declaredChanges(file.sql)),
  );
  const newFiles = added.map((file) => `schema/${file.name}`).join(', ');
  for (const change of missing) {
    const who =
      change.kind === 'behaviour'
        ? 'Old code runs unchanged but the database now does something else for it'
        : (change.why ?? 'Old code of the other services may break');
    problems.push(
      `${change.kind === 'behaviour' ? 'Behaviour' : 'Contracting'} change not declared: ${change.name}. ${who}. ` +
        `If every deployed service is ready for it, add the line \`${MARKERS[change.kind === 'behaviour' ? 'behaviour' : 'contract']}${change.name}\` ` +
        `to ${newFiles}.`,
    );
  }
  for (const marker of stale) {
    problems.push(
      `\`${MARKERS[marker.kind]}${marker.name}\` names no ${marker.kind} change of ${newFiles}: fix or remove it.`,
    );
  }
  return { changes, problems };
}

/**
 * The catalog `before` makes and the one `after` makes, on one embedded database: `before`
 * applied, read, then the rest of `after` applied on top, as production would get it (the
 * checks above make `before` a prefix of `after`).
 */
async function catalogs(
  before: readonly SchemaFile[],
  after: readonly SchemaFile[],
): Promise<{ before: CatalogSnapshot; after: CatalogSnapshot }> {
  const db = await createPglite();
  try {
    await migrate(db, before);
    const was = await readCatalogSnapshot(db);
    await migrate(db, after);
    return { before: was, after: await readCatalogSnapshot(db) };
  } finally {
    await db.close();
  }
}
