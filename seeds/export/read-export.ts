import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarDay } from '../../factories/time.js';
import { CutxDbError } from '../../src/db/errors.js';
import { fileSystemError } from '../../src/db/file-system-error.js';
import { ISO_DATE } from '../../src/rows/column-schemas.js';
import { metadata } from '../../src/rows/generated/metadata.js';
import { jsKind } from '../../src/rows/pg-types.js';
import type { ColumnMetadata } from '../../src/rows/schema-metadata.js';
import { type Row, type TableName, tableNames, tables } from '../../src/rows/tables.js';
import { exportFiles } from './export-folder.js';
import { EXPORT_FORMAT_VERSION, type SeedManifest } from './manifest.js';
import type { ExportedPersonas } from './personas-module.js';

/** An export folder read back: its manifest, its personas and every table's typed rows. */
export interface SeedExport {
  manifest: SeedManifest;
  personas: ExportedPersonas;
  tables: { [T in TableName]: Row<T>[] };
}

const INSTEAD = 'pass a folder written by `cutx-db export`';
// The one instant form the export writes: UTC, six fraction digits.
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{6})Z$/;
const BYTES = /^\\x((?:[0-9a-f]{2})*)$/;

function readJson(dir: string, file: string): unknown {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileSystemError(error, path, 'a file of the export', INSTEAD);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CutxDbError('invalid_input', `${path} is not JSON (${(error as Error).message}); ${INSTEAD}.`);
  }
}

/**
 * The export's manifest, checked: a format version this reader does not know is refused,
 * since its files may encode values differently.
 */
export function readExportManifest(dir: string): SeedManifest {
  const manifest = readJson(dir, exportFiles.manifest) as Partial<SeedManifest> | null;
  if (manifest?.formatVersion !== EXPORT_FORMAT_VERSION) {
    throw new CutxDbError(
      'invalid_input',
      `${join(dir, exportFiles.manifest)} has format version ${String(manifest?.formatVersion)}; this @cutx/db reads ` +
        `version ${EXPORT_FORMAT_VERSION}: export again with it, or read with the version that wrote the files.`,
    );
  }
  return manifest as SeedManifest;
}

/** One JSON value of the export as the type policy's JS value, or the text unchanged if it is not in the export's form. */
function decode(value: unknown, column: ColumnMetadata, where: string): unknown {
  if (value === null || typeof value !== 'string') return value;
  const { kind, array } = jsKind(column.baseType, where);
  if (array) return value;
  switch (kind) {
    case 'timestamp': {
      const match = INSTANT.exec(value);
      // A Date holds milliseconds: the last three of the six digits are dropped.
      return match === null ? value : new Date(`${match[1]}.${match[2]?.slice(0, 3)}Z`);
    }
    case 'date':
      // A date column reads as local midnight of its day (type policy).
      return ISO_DATE.test(value) ? calendarDay(new Date(`${value}T00:00:00Z`)) : value;
    case 'bytes': {
      const match = BYTES.exec(value);
      return match === null ? value : Uint8Array.from(Buffer.from(match[1] ?? '', 'hex'));
    }
    default:
      return value;
  }
}

/**
 * One table's rows from an export folder, decoded (docs/seeds.md, "Export format") and
 * parsed with `tables[table].row`: a row that does not fit is an `invalid_input` error
 * naming the file, the row and the column.
 *
 * @example const jobs = readExportTable('seed-out', 'generation_jobs') // Row<'generation_jobs'>[]
 */
export function readExportTable<T extends TableName>(dir: string, table: T): Row<T>[] {
  const file = join(exportFiles.json, `${table}.json`);
  const rows = readJson(dir, file);
  const path = join(dir, file);
  if (!Array.isArray(rows)) throw new CutxDbError('invalid_input', `${path} is not an array of rows; ${INSTEAD}.`);
  const columns = metadata.tables[table].columns as Readonly<Record<string, ColumnMetadata>>;
  const schema = tables[table].row;
  return rows.map((raw: Record<string, unknown>, i) => {
    const decoded: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) {
      const column = columns[name];
      decoded[name] = column === undefined ? value : decode(value, column, `${table}.${name}`);
    }
    const parsed = schema.safeParse(decoded);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CutxDbError(
        'invalid_input',
        `${path}, row ${i + 1}: ${issue?.path.join('.') || 'row'} ${issue?.message ?? 'does not fit'}; ` +
          `the export does not match this @cutx/db's schema: export again with it.`,
        { table },
      );
    }
    return parsed.data as Row<T>;
  });
}

/**
 * A whole export folder read back into typed rows: the manifest (format version checked),
 * the personas and every table's rows as `Row<T>`, each parsed with `tables.<t>.row`.
 * Holds every row in memory: for large scales read tables one at a time with
 * `readExportTable`.
 *
 * @example const { tables, personas } = readExport('seed-out'); tables.users[0].created_at // Date
 */
export function readExport(dir: string): SeedExport {
  const manifest = readExportManifest(dir);
  const personas = readJson(dir, exportFiles.personasJson) as ExportedPersonas;
  const read = Object.fromEntries(tableNames.map((table) => [table, readExportTable(dir, table)]));
  return { manifest, personas, tables: read as SeedExport['tables'] };
}
