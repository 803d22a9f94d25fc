import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSchemaFiles, type SchemaFile } from '../../src/db/schema-files.js';

/** A throwaway schema folder: write files into it, read them as migrate would, remove it. */
export interface ScratchSchema {
  dir: string;
  write(files: Record<string, string>): ScratchSchema;
  remove(name: string): ScratchSchema;
  files(): SchemaFile[];
  cleanUp(): void;
}

export function scratchSchema(files: Record<string, string> = {}): ScratchSchema {
  const dir = mkdtempSync(join(tmpdir(), 'cutx-schema-'));
  const scratch: ScratchSchema = {
    dir,
    write(more) {
      for (const [name, sql] of Object.entries(more)) writeFileSync(join(dir, name), sql);
      return scratch;
    },
    remove(name) {
      rmSync(join(dir, name));
      return scratch;
    },
    files: () => readSchemaFiles(dir),
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
  return scratch.write(files);
}
