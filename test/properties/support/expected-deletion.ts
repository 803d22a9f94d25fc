import type { TableName } from '../../../src/rows/index.js';
import type { ForeignKey } from '../../support/catalog.js';
import type { Snapshot } from './snapshot.js';

/**
 * What deleting one row should leave, worked out from a foreign-key graph rather than
 * written by hand: every row reachable through ON DELETE CASCADE goes, every SET NULL
 * reference to a row that went is nulled, and every other row stays exactly as it was.
 */
export function expectedAfterDelete(before: Snapshot, graph: readonly ForeignKey[], table: TableName, id: string) {
  const gone = new Map<string, Set<unknown>>([[table, new Set([id])]]);
  const goneFrom = (name: string) => gone.get(name) ?? new Set<unknown>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const fk of graph) {
      if (fk.onDelete !== 'CASCADE' || !gone.has(fk.references)) continue;
      const parents = goneFrom(fk.references);
      const deleted = goneFrom(fk.table);
      for (const row of before[fk.table as TableName]) {
        if (!deleted.has(row.id) && parents.has(row[fk.columns[0] ?? ''])) {
          deleted.add(row.id);
          grew = true;
        }
      }
      gone.set(fk.table, deleted);
    }
  }
  const nulled = graph.filter((fk) => fk.onDelete === 'SET NULL');
  const after = (name: TableName, row: Record<string, unknown>) => {
    const kept = { ...row };
    for (const fk of nulled) {
      const column = fk.columns[0] ?? '';
      if (fk.table === name && goneFrom(fk.references).has(row[column])) kept[column] = null;
    }
    return kept;
  };
  return Object.fromEntries(
    Object.entries(before).map(([name, rows]) => [
      name,
      rows.filter((row) => !goneFrom(name).has(row.id)).map((row) => after(name as TableName, row)),
    ]),
  ) as Snapshot;
}
