import { migrate } from '../../src/db/migrate.js';
import { openDb } from '../../src/db/open.js';
import { schemaDir as defaultSchemaDir, readSchemaFiles } from '../../src/db/schema-files.js';
import type { SchemaMetadata } from '../../src/rows/schema-metadata.js';
import { formatTypeScript } from './format.js';
import { readMetadata } from './read-catalog.js';
import { renderDrizzle } from './render-drizzle.js';
import { renderKysely } from './render-kysely.js';
import { renderMetadata } from './render-metadata.js';

/** Where each generated file goes, relative to the repository root. */
export const OUTPUTS = {
  metadata: 'src/rows/generated/metadata.ts',
  kysely: 'src/rows/generated/kysely.ts',
  drizzle: 'src/rows/generated/drizzle.ts',
} as const;

export interface Generated {
  metadata: SchemaMetadata;
  /** Each generated file's path (relative to the output root) and formatted text. */
  files: Record<string, string>;
}

/**
 * Applies `schemaDir`'s files to a new in-memory database, reads its catalog and renders
 * the generated files (not written: see main.ts).
 */
export async function generate(schemaDir: string = defaultSchemaDir): Promise<Generated> {
  const db = await openDb({ migrate: false });
  let metadata: SchemaMetadata;
  try {
    await migrate(db, readSchemaFiles(schemaDir));
    metadata = await readMetadata(db);
  } finally {
    await db.close();
  }
  return { metadata, files: renderGenerated(metadata) };
}

/** The generated files of `metadata`, formatted, by path relative to the repository root. */
export function renderGenerated(metadata: SchemaMetadata): Record<string, string> {
  const files: Record<string, string> = {
    [OUTPUTS.metadata]: renderMetadata(metadata),
    [OUTPUTS.kysely]: renderKysely(metadata),
    [OUTPUTS.drizzle]: renderDrizzle(metadata),
  };
  for (const [path, text] of Object.entries(files)) files[path] = formatTypeScript(text, path);
  return files;
}
