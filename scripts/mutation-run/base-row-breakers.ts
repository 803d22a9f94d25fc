import type { SqlClient } from '../../src/db/sql-client.js';
import { createBaseRows } from '../../test/rules/support/base-rows.js';
import type { CatalogMutant } from './catalog-mutants.js';

/**
 * The mutants the attacks' base rows already break: applied to a database holding those
 * rows (made on the unchanged schema), their statements are refused. In a copy, such a
 * mutant fails every attack on its table and on the tables made on top of it, hiding
 * whatever another mutant there would have shown, so the packing keeps them apart.
 */
export async function baseRowBreakers(db: SqlClient, mutants: CatalogMutant[]): Promise<Set<string>> {
  await createBaseRows(db);
  const breakers = new Set<string>();
  for (const mutant of mutants) {
    try {
      await db.exec(`BEGIN; ${mutant.sql}`);
    } catch {
      breakers.add(mutant.name);
    } finally {
      await db.exec('ROLLBACK');
    }
  }
  return breakers;
}

/** Each table with every table that references it, directly or through others. */
export async function referencingTables(db: SqlClient): Promise<Map<string, Set<string>>> {
  const { rows } = await db.query<{ child: string; parent: string }>(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
  );
  const reach = new Map<string, Set<string>>();
  const children = (table: string) => rows.filter((row) => row.parent === table).map((row) => row.child);
  const tables = new Set(rows.flatMap((row) => [row.child, row.parent]));
  for (const table of tables) {
    const seen = new Set([table]);
    const todo = [table];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      for (const child of children(next)) {
        if (seen.has(child)) continue;
        seen.add(child);
        todo.push(child);
      }
    }
    reach.set(table, seen);
  }
  return reach;
}
