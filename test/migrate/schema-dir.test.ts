import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertSchemaDir, resolveSchemaDir, schemaDir } from '../../src/db/schema-files.js';
import { scratchSchema } from './scratch-schema.js';

describe('resolveSchemaDir (CUTX_SCHEMA_DIR)', () => {
  it("is the package's schema/ when the variable is unset or empty, from the sources or the build", () => {
    expect(resolveSchemaDir(undefined, import.meta.dirname)).toBe(resolve('schema'));
    expect(resolveSchemaDir('', import.meta.dirname)).toBe(resolve('schema'));
    expect(resolveSchemaDir(undefined, resolve('dist/src/db'))).toBe(resolve('schema'));
    expect(resolveSchemaDir(undefined, resolve('src/db'))).toBe(resolve('schema'));
    expect(schemaDir).toBe(resolve('schema'));
  });

  it('is the folder the variable names, unread until the files are', () => {
    expect(resolveSchemaDir('/nowhere/schema', import.meta.dirname)).toBe('/nowhere/schema');
  });
});

describe('assertSchemaDir', () => {
  it('accepts a folder that holds the first schema file', () => {
    const scratch = scratchSchema({ '0001_foundation.sql': 'SELECT 1;' });
    try {
      expect(() => assertSchemaDir(scratch.dir, scratch.dir)).not.toThrow();
      expect(() => assertSchemaDir(resolve('schema'), undefined)).not.toThrow();
    } finally {
      scratch.cleanUp();
    }
  });

  it('refuses a CUTX_SCHEMA_DIR without the first schema file, naming the variable', () => {
    const scratch = scratchSchema({ '0002_identity.sql': 'SELECT 1;' });
    try {
      expect(() => assertSchemaDir(scratch.dir, scratch.dir)).toThrow(
        expect.objectContaining({ code: 'schema_missing', message: expect.stringContaining('CUTX_SCHEMA_DIR is') }),
      );
    } finally {
      scratch.cleanUp();
    }
  });

  it('refuses a package folder without schema/, saying to set CUTX_SCHEMA_DIR rather than to reinstall', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cutx-no-schema-'));
    try {
      expect(() => assertSchemaDir(empty, undefined)).toThrow(
        expect.objectContaining({
          code: 'schema_missing',
          message: expect.stringMatching(/^No 0001_foundation\.sql in .*set CUTX_SCHEMA_DIR to a copy of/),
        }),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
