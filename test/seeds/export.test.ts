import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AS_OF } from '../../seeds/as-of.js';
import { exportSeed } from '../../seeds/export/export-seed.js';
import { EXPORT_FORMAT_VERSION, type SeedManifest } from '../../seeds/export/manifest.js';
import { exportTables } from '../../seeds/export/read-tables.js';
import { personas } from '../../seeds/personas.js';
import type { Scenario } from '../../seeds/scenario.js';
import { scenarios } from '../../seeds/scenarios/index.js';
import { tableNames } from '../../seeds/table-order.js';
import { schemaChecksum } from '../../src/db/schema-files.js';
import { createPgTestDb } from '../../src/testing/pg-test-db.js';
import { runCutxDb } from '../cli/cutx-db-process.js';
import { expectProgressLines } from '../cli/progress-lines.js';
import { psqlInstalled } from '../support/psql.js';
import { renderTable } from './render-table.js';

const dev = scenarios.dev as Scenario;
const serverUrl = process.env.CUTX_TEST_DATABASE_URL;

let root: string;
let out: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cutx-export-'));
  out = join(root, 'a');
  await exportSeed({ outDir: out, scenario: dev, seed: 1, scale: 1 });
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it, sorted. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const read = (file: string) => readFileSync(join(out, file), 'utf8');
const manifest = () => JSON.parse(read('manifest.json')) as SeedManifest;
const tableRows = <T>(table: string) => JSON.parse(read(join('json', `${table}.json`))) as T[];

describe('exportSeed', () => {
  it('writes seed.sql, a JSON file per table, the manifest and the personas as a module and as JSON', () => {
    expect(filesIn(out)).toEqual(
      [
        'manifest.json',
        'personas.json',
        'personas.ts',
        'seed.sql',
        ...tableNames.map((table) => join('json', `${table}.json`)),
      ].sort(),
    );
  });

  // The second export runs in another process, through the command: the files may depend on
  // nothing but the scenario, seed, scale and schema, not on this process's state.
  it('gives byte-identical files for the same scenario, seed and scale, from `cutx-db export` too', async () => {
    const again = join(root, 'b');
    const { code, stderr } = await runCutxDb(['export', '--out', again, '--seed', '1']);
    expect(code, stderr).toBe(0);
    expectProgressLines(stderr);
    // After the scenario's steps, a line per table as it is written, in the files' order.
    const written = [...stderr.matchAll(/\] write (\w+): /g)].map((match) => match[1]);
    expect(written).toEqual(Object.keys(manifest().tables));
    const last = stderr.trimEnd().split('\n').at(-1);
    expect(last).toContain(`done: ${manifest().totalRows.toLocaleString('en-US')} rows so far`);
    for (const file of filesIn(out)) {
      // Buffer.equals: a deep toEqual walks megabytes byte by byte, about ten seconds here.
      expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), `${file} differs`).toBe(true);
    }
  });

  // At scale 1 every table fits in one default page, so `out` is what one read per table
  // writes. 7 rows a page splits tables into many pages and INSERT statements (250 rows)
  // across page boundaries.
  it('writes the same bytes when tables are read a few rows at a time', async () => {
    const paged = join(root, 'paged');
    await exportSeed({ outDir: paged, scenario: dev, seed: 1, scale: 1, pageRows: 7 });
    expect(filesIn(paged)).toEqual(filesIn(out));
    for (const file of filesIn(out)) {
      expect(readFileSync(join(paged, file)).equals(readFileSync(join(out, file))), `${file} differs`).toBe(true);
    }
  });

  it('refuses a page size that is not a whole number of 1 or more, writing nothing', async () => {
    for (const pageRows of [0, 2.5]) {
      const target = join(root, `pages-${pageRows}`);
      await expect(exportSeed({ outDir: target, scenario: dev, pageRows })).rejects.toThrowError(
        expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining(`not ${pageRows}`) }),
      );
      expect(
        readdirSync(root).filter((entry) => entry.startsWith(`pages-${pageRows}`) || entry.startsWith('.')),
      ).toEqual([]);
    }
  });

  it('replaces a previous export whole: a stale table file does not survive, nothing is left beside it', async () => {
    const again = join(root, 'replaced');
    await exportSeed({ outDir: again, scenario: dev, seed: 2, scale: 1 });
    writeFileSync(join(again, 'json', 'stale_table.json'), '[]\n');
    await exportSeed({ outDir: again, scenario: dev, seed: 1, scale: 1 });
    expect(filesIn(again)).toEqual(filesIn(out));
    expect(readFileSync(join(again, 'seed.sql')).equals(readFileSync(join(out, 'seed.sql')))).toBe(true);
    expect(readdirSync(root).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('writes into an empty folder, and refuses one of other files before building anything', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await exportSeed({ outDir: empty, scenario: dev, seed: 1, scale: 1 });
    expect(filesIn(empty)).toEqual(filesIn(out));
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'seed.sql'), '-- mine\n');
    await expect(exportSeed({ outDir: foreign, scenario: dev })).rejects.toThrowError(
      expect.objectContaining({ code: 'target_not_empty', message: expect.stringContaining(foreign) }),
    );
    expect(readFileSync(join(foreign, 'seed.sql'), 'utf8')).toBe('-- mine\n');
  });

  it('builds in a scratch database on disk under the temporary folder, and removes it, failed or not', async () => {
    const scratch = join(root, 'tmp');
    mkdirSync(scratch);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    const seen: string[][] = [];
    const failsMidway: Scenario = {
      name: 'fails-midway',
      description: 'makes a user, then throws',
      plan: () => [
        { label: 'a user', run: async ({ f }) => void (await f.users.create()) },
        { label: 'look', run: async () => void seen.push(readdirSync(scratch)) },
        { label: 'a failure', run: () => Promise.reject(new Error('injected failure')) },
      ],
    };
    try {
      await expect(exportSeed({ outDir: join(root, 'failed'), scenario: failsMidway })).rejects.toThrow(
        'injected failure',
      );
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(seen).toEqual([[expect.stringMatching(/^cutx-db-export-/)]]);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('records the format version, scenario, anchor, schema checksum and row counts that match the JSON files', () => {
    const { tables, ...rest } = manifest();
    expect(rest).toMatchObject({
      formatVersion: EXPORT_FORMAT_VERSION,
      scenario: 'dev',
      seed: 1,
      scale: 1,
      asOf: DEFAULT_AS_OF.toISOString(),
      schemaChecksum: schemaChecksum(),
    });
    for (const table of tableNames) {
      expect(tables[table], table).toBeGreaterThan(0);
      expect(tableRows(table).length, table).toBe(tables[table]);
    }
  });

  it('lists tables in foreign-key order: generation_jobs before the credit_transactions that name them', () => {
    const order = Object.keys(manifest().tables);
    expect(order.indexOf('generation_jobs')).toBeLessThan(order.indexOf('credit_transactions'));
    expect(order.indexOf('users')).toBe(0);
  });

  it('exports data that keeps the ledger: every balance is its transactions summed, none negative', () => {
    const sums = new Map<string, number>();
    for (const { user_id, amount } of tableRows<{ user_id: string; amount: number }>('credit_transactions')) {
      sums.set(user_id, (sums.get(user_id) ?? 0) + amount);
    }
    const balances = tableRows<{ user_id: string; balance: number }>('credit_balances');
    expect(balances.length).toBe(manifest().tables.users);
    for (const { user_id, balance } of balances) {
      expect(balance, user_id).toBe(sums.get(user_id));
      expect(balance).toBeGreaterThanOrEqual(0);
    }
  });

  it('writes the personas as a module and as JSON, every persona with its balance', () => {
    const module = read('personas.ts');
    const json = JSON.parse(read('personas.json')) as Record<string, { id: string; credits: number }>;
    for (const [handle, persona] of Object.entries(personas)) {
      expect(module).toContain(`  ${handle}: { id: "${persona.id}"`);
      expect(json[handle]?.id).toBe(persona.id);
    }
    expect(module).toMatch(/zeroCredits: \{[^}]*credits: 0 \}/);
    expect(json.zeroCredits?.credits).toBe(0);
    expect(Object.keys(json)).toEqual(Object.keys(personas));
  });
});

describe.skipIf(serverUrl === undefined || !psqlInstalled)(
  'seed.sql on PostgreSQL (skipped without CUTX_TEST_DATABASE_URL or without psql)',
  () => {
    it('loads with psql into an empty migrated database and gives exactly the exported rows and balances', async () => {
      const db = await createPgTestDb(serverUrl as string);
      try {
        const load = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(out, 'seed.sql'), db.url], {
          encoding: 'utf8',
        });
        expect(load.stderr).toBe('');
        expect(load.status).toBe(0);
        // Read back the way the export renders rows, so the comparison is byte for byte.
        for (const shape of await exportTables(db)) {
          expect(await renderTable(shape, db), shape.table).toBe(read(join('json', `${shape.table}.json`)));
        }
        const { rows } = await db.query<{ broken: number }>(
          `SELECT count(*)::int AS broken FROM credit_balances b
          WHERE b.balance <> (SELECT sum(amount) FROM credit_transactions t WHERE t.user_id = b.user_id)`,
        );
        expect(rows[0]?.broken).toBe(0);
      } finally {
        await db.close();
      }
    });
  },
);
