import type { ColumnInfo, RenderedRow, TableShape } from './read-tables.js';

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

/**
 * One table's part of `seed.sql`, a page of rows at a time: a comment with its row count,
 * then INSERT statements of ROWS_PER_INSERT rows each. The statements run across pages:
 * `start` is the index of the page's first row in the table, `total` the table's rows.
 */
export const tableInserts = {
  opening: (table: string, total: number): string =>
    total === 0 ? `-- ${table}: no rows\n` : `-- ${table}: ${total} rows\n`,
  page({ table, columns }: TableShape, rows: readonly RenderedRow[], start: number, total: number): string {
    const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column.name}"`).join(', ')}) VALUES\n`;
    return rows
      .map((row, i) => {
        const index = start + i;
        const opens = index % ROWS_PER_INSERT === 0;
        const closes = index % ROWS_PER_INSERT === ROWS_PER_INSERT - 1 || index === total - 1;
        const tuple = `(${row.values.map((value, column) => literal(value, columns[column] as ColumnInfo)).join(', ')})`;
        return `${opens ? head : ''}${tuple}${closes ? ';\n' : ',\n'}`;
      })
      .join('');
  },
};

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
