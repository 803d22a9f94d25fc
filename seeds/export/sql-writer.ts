import type { ColumnInfo, TableDump } from './read-tables.js';

/** Rows per INSERT: long enough to load fast, short enough for readable errors. */
const ROWS_PER_INSERT = 250;

const UNQUOTED = new Set(['smallint', 'integer', 'bigint', 'boolean']);

/** A value the server rendered as text, as a SQL literal of its column's type. */
function literal(text: string | null, column: ColumnInfo): string {
  if (text === null) return 'NULL';
  if (UNQUOTED.has(column.type)) return text;
  // standard_conforming_strings is on (set at the top of the file): only quotes need doubling.
  return `'${text.replaceAll("'", "''")}'`;
}

/** The INSERT statements of one table, ROWS_PER_INSERT rows each. */
export function tableInserts(dump: TableDump): string {
  if (dump.rows.length === 0) return `-- ${dump.table}: no rows\n`;
  const head = `INSERT INTO "${dump.table}" (${dump.columns.map((column) => `"${column.name}"`).join(', ')}) VALUES\n`;
  const statements: string[] = [];
  for (let start = 0; start < dump.rows.length; start += ROWS_PER_INSERT) {
    const tuples = dump.rows
      .slice(start, start + ROWS_PER_INSERT)
      .map((row) => `(${row.values.map((value, i) => literal(value, dump.columns[i] as ColumnInfo)).join(', ')})`);
    statements.push(`${head}${tuples.join(',\n')};\n`);
  }
  return `-- ${dump.table}: ${dump.rows.length} rows\n${statements.join('')}`;
}

/**
 * `seed.sql` opening lines. The load disables triggers the way `pg_dump --disable-triggers`
 * does: the signup and ledger triggers would otherwise add a second balance and signup
 * credit for every user, and the file already holds both as they were.
 */
export function seedSqlHeader(description: string): string {
  return `-- CutX seed data: ${description}.
-- Data only. Load it into a database that has the schema (the files of @cutx/db's
-- schema/, applied in order) and no rows:
--   psql -v ON_ERROR_STOP=1 -f seed.sql "$DATABASE_URL"
-- Needs a superuser: triggers are disabled for the load with session_replication_role =
-- replica, as pg_dump --disable-triggers does, so the signup and ledger triggers do not add
-- rows a second time. One transaction: a failed load leaves the database empty.
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
BEGIN;
SET LOCAL session_replication_role = replica;

`;
}

/** `seed.sql` closing lines: commit, then fresh statistics so search plans use the indexes. */
export const seedSqlFooter = '\nCOMMIT;\nANALYZE;\n';
