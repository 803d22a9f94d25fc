import type { CutxDb } from '../../src/db/open.js';

/** Row counts of every table in `public`, by name; the names are quoted by Postgres. */
export async function publicTableRows(db: CutxDb): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ name: string; count_sql: string }>(
    `SELECT relname AS name, format('SELECT count(*)::int AS n FROM %s', oid::regclass) AS count_sql
       FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`,
  );
  const counts: Record<string, number> = {};
  for (const { name, count_sql } of tables) {
    const { rows } = await db.query<{ n: number }>(count_sql);
    counts[name] = rows[0]?.n ?? 0;
  }
  return counts;
}

/** The counts of `publicTableRows` that are not zero. */
export function nonEmpty(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}
