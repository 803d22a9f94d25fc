import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config: { forbidden: IForbiddenRuleType[]; options: object } = createRequire(import.meta.url)(
  join(root, '.dependency-cruiser.cjs'),
);
/** The folders `npm run lint:layers` cruises: the arguments after its `--config` file. */
const layered: string[] = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  .scripts['lint:layers'].split(' ')
  .slice(3);

/** What `npm run lint:layers` finds cruising `files` (and all they import) from `baseDir`. */
async function cruiseFrom(baseDir: string, files: string[]): Promise<ICruiseResult> {
  const { output } = await cruise(files, {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  return output as ICruiseResult;
}

/** The rules broken, each as `rule: from -> to`. */
function violations(result: ICruiseResult): string[] {
  return result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
}

// It touches no database: once is enough, in the PGlite project (vitest.config.ts).
describe('npm run lint:layers', () => {
  it('reads every TypeScript file of the layered folders and finds no import that breaks a rule', async () => {
    const result = await cruiseFrom(root, layered);
    const cruised = new Set(result.modules.map((module) => module.source));
    const files = layered.flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => `${folder}/${file.split(sep).join('/')}`),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => !cruised.has(file))).toEqual([]);
    expect(violations(result)).toEqual([]);
  });

  describe('on an import planted in a scratch copy', () => {
    let copy: string;
    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), 'cutx-layers-'));
      for (const folder of [...layered, 'test/support'])
        cpSync(join(root, folder), join(copy, folder), { recursive: true });
    });
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    /** Writes the planted files, cruises them (and all they reach), and removes them again. */
    async function plant(files: Record<string, string>): Promise<string[]> {
      const paths = Object.keys(files);
      for (const path of paths) writeFileSync(join(copy, path), files[path] as string);
      try {
        return violations(await cruiseFrom(copy, paths));
      } finally {
        for (const path of paths) rmSync(join(copy, path));
      }
    }

    // [the planted file, what it imports, the rule that must fail]: one per layer boundary.
    const upward: [string, string, string][] = [
      ['src/db/planted.ts', 'src/rows/index.ts', 'db-imports-only-below'],
      ['src/rows/planted.ts', 'factories/index.ts', 'rows-imports-only-below'],
      ['src/kysely/planted.ts', 'src/server/index.ts', 'rows-imports-only-below'],
      ['src/server/planted.ts', 'seeds/index.ts', 'server-imports-only-below'],
      ['src/testing/planted.ts', 'factories/index.ts', 'testing-imports-only-below'],
      ['factories/planted.ts', 'seeds/scenario.ts', 'factories-imports-only-below'],
      ['seeds/planted.ts', 'seeds/export/export-seed.ts', 'seeds-imports-only-below'],
      ['seeds/export/planted.ts', 'src/testing/create-test-db.ts', 'export-imports-only-below'],
      ['seeds/export/planted.ts', 'cli/main.ts', 'export-imports-only-below'],
      ['cli/planted.ts', 'vitest/index.ts', 'cli-imports-only-below'],
      ['cli/planted.ts', 'src/testing/index.ts', 'cli-imports-only-below'],
      ['vitest/planted.ts', 'cli/run-cli.ts', 'vitest-imports-only-below'],
      ['src/db/planted.ts', 'test/support/test-db.ts', 'db-imports-only-below'],
    ];
    for (const [from, to, rule] of upward) {
      it(`fails ${rule} when ${from} imports ${to}`, async () => {
        expect(await plant({ [from]: `import '${relative(from, to)}';\n` })).toEqual([`${rule}: ${from} -> ${to}`]);
      });
    }

    it('counts a type-only import and a dynamic import as imports', async () => {
      expect(
        await plant({
          'src/db/planted.ts': `import type { FactorySet } from '../../factories/index.js';\nexport type Planted = FactorySet;\n`,
          'src/rows/planted.ts': `export const planted = () => import('../../seeds/index.js');\n`,
        }),
      ).toEqual([
        'db-imports-only-below: src/db/planted.ts -> factories/index.ts',
        'rows-imports-only-below: src/rows/planted.ts -> seeds/index.ts',
      ]);
    });

    it('lets a layer import the layers below it', async () => {
      expect(
        await plant({
          'cli/planted.ts': `import '../seeds/export/export-seed.js';\nimport '../src/server/index.js';\n`,
          'vitest/planted.ts': `import '../src/testing/index.js';\nimport '../seeds/index.js';\n`,
          'seeds/export/planted.ts': `import '../scenario.js';\n`,
          'factories/planted.ts': `import '../src/rows/index.js';\n`,
        }),
      ).toEqual([]);
    });

    it('fails no-circular on two modules that import each other', async () => {
      expect(
        await plant({
          'src/db/planted-a.ts': `import './planted-b.js';\n`,
          'src/db/planted-b.ts': `import './planted-a.js';\n`,
        }),
      ).toEqual(['no-circular: src/db/planted-a.ts -> src/db/planted-b.ts']);
    });

    it('fails in-a-layer on a module of a layered folder that no layer holds', async () => {
      expect(await plant({ 'src/planted.ts': `import './db/errors.js';\n` })).toEqual([
        'in-a-layer: src/planted.ts -> src/db/errors.ts',
      ]);
    });

    it('fails relative-imports-resolve on an import of a file that is not there', async () => {
      expect(await plant({ 'src/db/planted.ts': `import './no-such-file.js';\n` })).toEqual([
        'relative-imports-resolve: src/db/planted.ts -> ./no-such-file.js',
      ]);
    });
  });
});

/** The specifier `from` writes to import `to` (both from the repository root), `.js` for `.ts`. */
function relative(from: string, to: string): string {
  const up = '../'.repeat(dirname(from).split('/').length);
  return `${up}${to.replace(/\.ts$/, '.js')}`;
}
