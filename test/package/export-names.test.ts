import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { camelCase } from '../../scripts/codegen/ts-names.js';
import { metadata } from '../../src/rows/generated/metadata.js';

// @cutx/db/drizzle exports a table per table of the generated metadata (documented as a
// rule, not by name), a custom type per domain, and int8 and bytea.
const drizzleTables = Object.keys(metadata.tables).map(camelCase);

// The public API is what the README and docs/ document. Each entry point's runtime exports, read
// from the JavaScript in dist/ that package.json's `exports` points at, are listed here:
// a new export fails this test until it is added here and to the README or a page of docs/.
const expected: Record<string, string[]> = {
  '.': ['CutxDbError', 'fromPg', 'fromPostgres', 'migrate', 'openDb', 'readSchemaFiles', 'schemaChecksum', 'schemaDir'],
  './schemas': [
    'SIGNUP_CREDITS',
    'assetMetadata',
    'auditDetails',
    'inputParams',
    'landingBlock',
    'landingContent',
    'metadata',
    'outputMetadata',
    'productAttributes',
    'tables',
    'vocabularies',
  ],
  './drizzle': [...drizzleTables, ...Object.keys(metadata.domains).map(camelCase), 'bytea', 'int8'].sort(),
  './factories': ['MAX_LIST_COUNT', 'arbitraries', 'createFactories'],
  // Types only: Database and an interface per table.
  './kysely': [],
  './seeds': [
    'DEFAULT_AS_OF',
    'EXPORT_FORMAT_VERSION',
    'MAX_SEED_SCALE',
    'exportSeed',
    'parseAsOf',
    'personas',
    'readExport',
    'readExportManifest',
    'readExportTable',
    'scenarios',
    'seedDatabase',
  ],
  './server': ['postgresEngineInstalled', 'startDbServer'],
  './testing': ['openTestDb'],
  './vitest': [
    'afterAll',
    'afterEach',
    'assert',
    'beforeAll',
    'beforeEach',
    'describe',
    'expect',
    'expectTypeOf',
    'inject',
    'it',
    'onTestFailed',
    'onTestFinished',
    'suite',
    'test',
    'vi',
  ],
  './vitest/config': ['cutxDb'],
  './workers': ['cutxDbWorkers'],
};

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, string | { default: string }>;
};
const modules = Object.entries(manifest.exports).flatMap(([entry, target]) =>
  typeof target === 'object' ? [[entry, target.default] as const] : [],
);
const documentation = [
  'README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

describe('the package exports', () => {
  it('has exactly the entry points listed here', () => {
    expect(modules.map(([entry]) => entry).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(modules)('%s exports exactly the names listed here', async (entry, file) => {
    const exported = Object.keys(await import(new URL(`../../${file}`, import.meta.url).href)).sort();
    expect(exported).toEqual(expected[entry]);
  });

  it.each(Object.entries(expected))('the README or docs/ documents every export of %s', (_entry, names) => {
    const undocumented = names.filter((name) => !documentation.includes(`\`${name}`) && !drizzleTables.includes(name));
    expect(undocumented).toEqual([]);
  });
});
