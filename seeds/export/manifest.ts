import type { TableName } from '../../src/rows/tables.js';

/** `manifest.json`: what an export holds and what it was made from. */
export interface SeedManifest {
  scenario: string;
  seed: number;
  scale: number;
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
