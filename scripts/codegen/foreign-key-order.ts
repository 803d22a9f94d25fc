import { CutxDbError } from '../../src/db/errors.js';

/**
 * Orders tables so each comes after every table it references (self-references aside),
 * taking the alphabetically first ready table at each step, so the order is stable.
 *
 * @example foreignKeyOrder(['b', 'a'], [{ table: 'a', references: 'b' }]) // ['b', 'a']
 */
export function foreignKeyOrder(
  tables: readonly string[],
  references: readonly { table: string; references: string }[],
): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const waiting = [...tables].sort();
  while (waiting.length > 0) {
    const ready = waiting.findIndex((table) =>
      references.every((ref) => ref.table !== table || ref.references === table || placed.has(ref.references)),
    );
    if (ready === -1) {
      throw new CutxDbError(
        'database_error',
        `Foreign keys form a cycle among ${waiting.join(', ')}: make one of them nullable and set it after both rows exist, ` +
          'or break the cycle in a new schema file.',
      );
    }
    const [table] = waiting.splice(ready, 1) as [string];
    ordered.push(table);
    placed.add(table);
  }
  return ordered;
}
