import {
  type CatalogDifference,
  type CatalogSnapshot,
  diffCatalogSnapshots,
  readCatalogSnapshot,
} from './catalog-snapshot.js';
import { createPglite } from './create-pglite.js';
import { migrate } from './migrate.js';
import { type AppliedMigration, planMigration } from './migration-plan.js';
import { readSchemaFiles, type SchemaFile, schemaChecksum } from './schema-files.js';
import type { SqlClient } from './sql-client.js';
import { migratedTemplate } from './template/migrated-template.js';

/** A database's migrations and how its catalog differs from what its applied files make. */
export interface SchemaStatus {
  applied: AppliedMigration[];
  pending: SchemaFile[];
  /** `before` is the canonical object, `after` the live one; empty when they agree. */
  drift: CatalogDifference[];
}

/**
 * Reads what `client` has applied and what is pending (refusing, as `migrate` does, a
 * history the files no longer explain), and compares its live catalog with the canonical
 * one: the same applied files run on a fresh embedded database. Pending files are not drift.
 * Writes nothing to `client`.
 *
 * @example const { drift } = await readSchemaStatus(client) // [] when nothing was changed by hand
 */
export async function readSchemaStatus(
  client: SqlClient,
  files: readonly SchemaFile[] = readSchemaFiles(),
): Promise<SchemaStatus> {
  const { applied, pending } = await planMigration(client, files);
  const appliedNames = new Set(applied.map((record) => record.name));
  const canonical = await canonicalSnapshot(files.filter((file) => appliedNames.has(file.name)));
  const live = await readCatalogSnapshot(client);
  return { applied, pending, drift: diffCatalogSnapshots(canonical, live) };
}

/**
 * The catalog that `files` make on a fresh embedded database: the cached migrated template
 * when they are this package's schema, else a new database with them applied.
 */
export async function canonicalSnapshot(files: readonly SchemaFile[]): Promise<CatalogSnapshot> {
  const isPackageSchema = schemaChecksum(files) === schemaChecksum();
  const db = await createPglite({}, isPackageSchema ? migratedTemplate : undefined);
  try {
    if (!isPackageSchema) await migrate(db, files);
    return await readCatalogSnapshot(db);
  } finally {
    await db.close();
  }
}
