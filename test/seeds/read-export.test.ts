import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSeed } from '../../seeds/export/export-seed.js';
import { readExport, readExportManifest, readExportTable } from '../../seeds/export/read-export.js';
import { exportTables } from '../../seeds/export/read-tables.js';
import type { Scenario } from '../../seeds/scenario.js';
import { scenarios } from '../../seeds/scenarios/index.js';
import { tableNames } from '../../seeds/table-order.js';
import { openDb } from '../../src/db/open.js';
import { metadata } from '../../src/rows/generated/metadata.js';
import type { ColumnMetadata } from '../../src/rows/schema-metadata.js';
import { renderTable } from './render-table.js';

let root: string;
let out: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cutx-read-export-'));
  out = join(root, 'export');
  await exportSeed({ outDir: out, scenario: scenarios.dev as Scenario, seed: 3, scale: 1 });
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const tableFile = (dir: string, table: string) => join(dir, 'json', `${table}.json`);
const rawRows = (dir: string, table: string) =>
  JSON.parse(readFileSync(tableFile(dir, table), 'utf8')) as Record<string, unknown>[];

/** Every value the export wrote for columns of `baseType`, across all tables. */
function valuesOfType(baseType: string): unknown[] {
  return tableNames.flatMap((table) => {
    const columns = Object.entries(metadata.tables[table].columns as Record<string, ColumnMetadata>)
      .filter(([, column]) => column.baseType === baseType)
      .map(([name]) => name);
    return rawRows(out, table).flatMap((row) => columns.map((name) => row[name]).filter((value) => value !== null));
  });
}

/** A copy of the export whose `table` file is rewritten by `change`, for the refusals. */
function alteredCopy(name: string, table: string, change: (rows: Record<string, unknown>[]) => void): string {
  const copy = join(root, name);
  cpSync(out, copy, { recursive: true });
  const rows = rawRows(copy, table);
  change(rows);
  writeFileSync(tableFile(copy, table), JSON.stringify(rows));
  return copy;
}

describe('the export format', () => {
  it('writes int8 and numeric as strings, instants as UTC with six fraction digits, days and bytea as documented', () => {
    const bigints = valuesOfType('bigint');
    expect(bigints.length).toBeGreaterThan(1000);
    expect(bigints.filter((value) => typeof value !== 'string' || !/^-?\d+$/.test(value))).toEqual([]);
    const instants = valuesOfType('timestamp with time zone');
    expect(instants.filter((value) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(String(value)))).toEqual(
      [],
    );
    expect(valuesOfType('date').filter((value) => !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))).toEqual([]);
    const bytes = valuesOfType('bytea');
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.filter((value) => !/^\\x([0-9a-f]{2})+$/.test(String(value)))).toEqual([]);
  });

  it('round-trips exactly: the JSON loaded into an empty database renders back byte for byte', async () => {
    const db = await openDb({});
    try {
      // The load another service can use in SQL: triggers off, as seed.sql loads, one
      // json_populate_recordset per file in the manifest's (foreign-key) order.
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        for (const table of Object.keys(readExportManifest(out).tables)) {
          await tx.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [
            readFileSync(tableFile(out, table), 'utf8'),
          ]);
        }
      });
      for (const shape of await exportTables(db)) {
        expect(await renderTable(shape, db), shape.table).toBe(readFileSync(tableFile(out, shape.table), 'utf8'));
      }
    } finally {
      await db.close();
    }
  });
});

describe('readExport', () => {
  it('reads every table back into rows that pass tables.<t>.row, as many as the manifest counts', () => {
    const { manifest, personas, tables } = readExport(out);
    for (const table of tableNames) expect(tables[table].length, table).toBe(manifest.tables[table]);
    const [user] = tables.users;
    expect(user?.created_at).toBeInstanceOf(Date);
    expect(user?.created_at.toISOString()).toBe(String(rawRows(out, 'users')[0]?.created_at).replace(/\d{3}Z$/, 'Z'));
    expect(typeof tables.campaign_analytics[0]?.impressions).toBe('string');
    expect(tables.campaign_analytics[0]?.date).toBeInstanceOf(Date);
    expect(tables.magic_link_tokens[0]?.token_hash).toBeInstanceOf(Uint8Array);
    expect(tables.magic_link_tokens[0]?.token_hash.length).toBe(32);
    expect(personas.seller?.credits).toBe(
      tables.credit_balances.find((b) => b.user_id === personas.seller?.id)?.balance,
    );
  });

  it('refuses a manifest of another format version, naming both versions', () => {
    const copy = join(root, 'version');
    cpSync(out, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 2 }));
    expect(() => readExport(copy)).toThrowError(
      expect.objectContaining({
        code: 'invalid_input',
        message: expect.stringMatching(/format version 2; .* version 1/),
      }),
    );
  });

  it('refuses an int8 written as a JSON number, naming the file, row and column; the string beside it passes', () => {
    const asNumber = alteredCopy('int8', 'campaign_analytics', (rows) => {
      rows[1] = { ...rows[1], impressions: Number(rows[1]?.impressions) };
    });
    expect(() => readExportTable(asNumber, 'campaign_analytics')).toThrowError(
      expect.objectContaining({
        code: 'invalid_input',
        message: expect.stringMatching(/campaign_analytics\.json, row 2: impressions /),
      }),
    );
    const asText = alteredCopy('int8-text', 'campaign_analytics', (rows) => {
      rows[1] = { ...rows[1], impressions: '9007199254740993' };
    });
    expect(readExportTable(asText, 'campaign_analytics')[1]?.impressions).toBe('9007199254740993');
  });

  it('refuses an instant in any other form than the documented one', () => {
    const other = alteredCopy('instant', 'users', (rows) => {
      rows[0] = { ...rows[0], created_at: '2026-05-01 10:00:00+00' };
    });
    expect(() => readExportTable(other, 'users')).toThrowError(
      expect.objectContaining({
        code: 'invalid_input',
        message: expect.stringMatching(/users\.json, row 1: created_at /),
      }),
    );
  });
});
