import type { TableName } from '../../src/rows/tables.js';

/**
 * The version of the export's file format (files, encodings, manifest): raised whenever a
 * reader of the previous version would misread the files. docs/seeds.md describes it.
 */
export const EXPORT_FORMAT_VERSION = 1;

/** `manifest.json`: what an export holds and what it was made from. */
export interface SeedManifest {
  /** `EXPORT_FORMAT_VERSION` of the package that wrote it. */
  formatVersion: number;
  scenario: string;
  seed: number;
  scale: number;
  /** The anchor the data leads up to, as an ISO 8601 instant in UTC. */
  asOf: string;
  /** `schemaChecksum()` of the schema the rows were made with. */
  schemaChecksum: string;
  totalRows: number;
  /** Rows per table, in foreign-key order (the order seed.sql loads them). */
  tables: Partial<Record<TableName, number>>;
}

/** The manifest as written: two-space JSON, keys in a fixed order, a final newline. */
export function manifestJson(manifest: SeedManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
