import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSeed } from '../../seeds/export/export-seed.js';
import type { Scenario } from '../../seeds/scenario.js';
import { scenarios } from '../../seeds/scenarios/index.js';
import { runHere } from './run-here.js';
import { killAll, runCutxDb } from './serve-process.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cutx-export-cli-'));
});
afterAll(() => {
  killAll();
  rmSync(root, { recursive: true, force: true });
});

describe('cutx-db export', () => {
  it('prints its options on --help and exits 0', async () => {
    const { code, stdout } = await runHere(['export', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--out <dir>');
  });

  it('exits 2 without --out', async () => {
    const { code, stderr } = await runHere(['export']);
    expect(code).toBe(2);
    expect(stderr).toContain('Pass --out <dir>');
  });

  it('writes the same bytes as exportSeed in another process', async () => {
    const cli = join(root, 'cli');
    const { code, stdout, stderr } = await runCutxDb(['export', '--out', cli, '--seed', '3']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('psql -v ON_ERROR_STOP=1 -f');
    const library = join(root, 'library');
    await exportSeed({ outDir: library, scenario: scenarios.dev as Scenario, seed: 3, scale: 1 });
    const files = readdirSync(library, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(20);
    for (const entry of files) {
      const file = join(entry.parentPath, entry.name).slice(library.length + 1);
      expect(readFileSync(join(cli, file)), file).toEqual(readFileSync(join(library, file)));
    }
  }, 180_000);
});
