// The package's layers, and the rule that holds them: `npm run lint:layers` (in CI).
//
// Data flows one way: schema/ (SQL) -> src/db (open, migrate) -> src/rows (the catalog
// metadata generated from the schema, typed rows) -> factories -> seeds -> seeds/export, with
// the CLI and the vitest integration on top. A layer imports itself and the layers in its
// `uses`, nothing else of this repository: one rule per layer, named for it, so an upward or
// sideways import fails naming the boundary it crossed. The README's "Where things live"
// table shows the same list. Paths are regular expressions on paths from the repository root.

// Without a parser for TypeScript the cruiser reads no .ts file and reports nothing broken.
try {
  require.resolve('@swc/core');
} catch {
  throw new Error('npm run lint:layers needs @swc/core, a devDependency, to read TypeScript: run npm ci.');
}

/** Every folder of this repository that holds TypeScript: anything a layer may not reach. */
const repository = '^(src|factories|seeds|cli|vitest|test|scripts|bench)/';

const layers = [
  { name: 'db', path: '^src/db/|^src/index\\.ts$', uses: [] },
  { name: 'rows', path: '^src/(rows|kysely|drizzle)/', uses: ['db'] },
  // Serving a database over the wire needs the database only; the CLI seeds a served one.
  { name: 'server', path: '^src/server/', uses: ['db'] },
  // Databases for tests, for the test-runner integrations only: nothing that ships a seed uses them.
  { name: 'testing', path: '^src/testing/', uses: ['db'] },
  { name: 'factories', path: '^factories/', uses: ['db', 'rows'] },
  // seeds/index.ts is the `@cutx/db/seeds` entry, which exports the export writers too.
  { name: 'seeds', path: '^seeds/(?!export/|index\\.ts$)', uses: ['db', 'rows', 'factories'] },
  { name: 'export', path: '^seeds/(export/|index\\.ts$)', uses: ['db', 'rows', 'factories', 'seeds'] },
  { name: 'cli', path: '^cli/', uses: ['db', 'rows', 'server', 'factories', 'seeds', 'export'] },
  {
    name: 'vitest',
    path: '^vitest/',
    uses: ['db', 'rows', 'server', 'testing', 'factories', 'seeds', 'export'],
  },
];

const pathOf = (name) => {
  const layer = layers.find((candidate) => candidate.name === name);
  if (layer === undefined) throw new Error(`.dependency-cruiser.cjs: no layer named ${name}`);
  return layer.path;
};

module.exports = {
  forbidden: [
    ...layers.map((layer) => ({
      name: `${layer.name}-imports-only-below`,
      severity: 'error',
      comment: `${layer.name} (${layer.path}) imports only ${['itself', ...layer.uses].join(', ')}`,
      from: { path: layer.path },
      to: { path: repository, pathNot: [layer.path, ...layer.uses.map(pathOf)] },
    })),
    {
      name: 'in-a-layer',
      severity: 'error',
      comment: 'A module of a layered folder that is in no layer above is held by no rule: place it.',
      from: { path: '^(src|factories|seeds|cli|vitest)/', pathNot: layers.map((layer) => layer.path) },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other have no order to read or to load them in.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'relative-imports-resolve',
      severity: 'error',
      comment: 'An import the cruiser cannot follow is one no layer rule sees.',
      from: {},
      to: { path: '^\\.', couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API for the cruiser to parse with; swc parses TypeScript and
    // counts `import type` as an import, as a layer rule should.
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
  },
};
