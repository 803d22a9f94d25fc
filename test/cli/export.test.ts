import { describe, expect, it } from 'vitest';
import { runHere } from './run-here.js';

// What the export writes, and that the command writes the same bytes in another process,
// is tested in test/seeds/export.test.ts.
describe('cutx-db export', () => {
  it('prints its options on --help and exits 0', async () => {
    const { code, stdout } = await runHere(['export', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--out <dir>');
    expect(stdout).toContain('--as-of <when>');
  });

  it('exits 2 on an --as-of that is not a day or instant, naming what to pass', async () => {
    const { code, stderr } = await runHere(['export', '--out', 'never-written', '--as-of', '2026-02-30']);
    expect(code).toBe(2);
    expect(stderr).toContain("--as-of '2026-02-30' is not a day or instant: pass today");
  });

  it('exits 2 without --out', async () => {
    const { code, stderr } = await runHere(['export']);
    expect(code).toBe(2);
    expect(stderr).toContain('Pass --out <dir>');
  });
});
