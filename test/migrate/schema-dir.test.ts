import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSchemaDir, schemaDir } from '../../src/db/schema-files.js';
import { scratchSchema } from './scratch-schema.js';

describe('resolveSchemaDir (CUTX_SCHEMA_DIR)', () => {
  it("is the package's schema/ when the variable is unset or empty", () => {
    expect(resolveSchemaDir(undefined, import.meta.dirname)).toBe(resolve('schema'));
    expect(resolveSchemaDir('', import.meta.dirname)).toBe(resolve('schema'));
    expect(schemaDir).toBe(resolve('schema'));
  });

  it('is the folder the variable names when it holds the first schema file', () => {
    const scratch = scratchSchema({ '0001_foundation.sql': 'SELECT 1;' });
    try {
      expect(resolveSchemaDir(scratch.dir, import.meta.dirname)).toBe(scratch.dir);
    } finally {
      scratch.cleanUp();
    }
  });

  it('refuses a folder without the first schema file, naming the variable', () => {
    const scratch = scratchSchema({ '0002_identity.sql': 'SELECT 1;' });
    try {
      expect(() => resolveSchemaDir(join(scratch.dir, '.'), import.meta.dirname)).toThrow(
        expect.objectContaining({ code: 'schema_missing', message: expect.stringContaining('CUTX_SCHEMA_DIR') }),
      );
    } finally {
      scratch.cleanUp();
    }
  });
});
