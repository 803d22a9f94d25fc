import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../scripts/codegen/read-catalog.js';
import { compactMetadata } from '../../scripts/codegen/render-metadata.js';
import { expandMetadata } from '../../src/rows/expand-metadata.js';
import { metadata } from '../../src/rows/generated/metadata.js';
import { dbTest } from '../support/db-test.js';
import { engine } from '../support/test-db.js';

describe('the generated metadata', () => {
  // PGlite is where codegen runs; a server of another major version may print a
  // definition differently, so there the comparison leaves the printed text out.
  dbTest(`is what the catalog of the migrated schema says (${engine})`, async ({ db }) => {
    const read = await readMetadata(db);
    if (engine === 'pglite') expect(read).toEqual(metadata);
    else expect(withoutPrintedText(read)).toEqual(withoutPrintedText(metadata));
  });

  dbTest('is written without its defaults, which expanding gives back', async ({ db }) => {
    const read = await readMetadata(db);
    const compact = compactMetadata(read);
    expect(expandMetadata(compact)).toEqual(read);
    const columns = Object.values(compact.tables).flatMap((table) => Object.values(table.columns));
    const written = (field: string, value: unknown) =>
      columns.filter(
        (column) => JSON.stringify((column as unknown as Record<string, unknown>)[field]) === JSON.stringify(value),
      );
    expect([written('nullable', false), written('default', null), written('bounds', {})]).toEqual([[], [], []]);
    expect(columns.filter((column) => column.baseType === column.type)).toEqual([]);
    // The defaults are left out, not lost: a column of each kind is still written.
    expect(compact.tables.users?.columns.role).toEqual({
      type: 'text',
      default: "'user'::text",
      bounds: { values: ['user', 'admin', 'owner'] },
    });
    expect(compact.tables.credit_transactions?.columns.balance_after).toMatchObject({ filledBy: 'trigger' });
  });

  dbTest('notices a CHECK changed in SQL alone', async ({ db }) => {
    await db.exec('BEGIN');
    try {
      await db.exec(`ALTER TABLE inventory_items DROP CONSTRAINT inventory_items_name_length,
                     ADD CONSTRAINT inventory_items_name_length CHECK (length(name) BETWEEN 1 AND 299)`);
      const read = await readMetadata(db);
      expect(read.tables.inventory_items?.columns.name?.bounds).toEqual({ minLength: 1, maxLength: 299 });
      expect(metadata.tables.inventory_items.columns.name.bounds).toEqual({ minLength: 1, maxLength: 300 });
    } finally {
      await db.exec('ROLLBACK');
    }
  });

  it('records what the database fills, each key, and the foreign-key order', () => {
    const { tables } = metadata;
    expect(tables.credit_transactions.columns.balance_after.filledBy).toBe('trigger');
    expect(tables.credit_transactions.columns.amount.filledBy).toBeNull();
    expect(tables.users.columns.role.filledBy).toBe('default');
    expect(tables.users.uniqueKeys.find((key) => key.name === 'idx_users_email')).toEqual({
      name: 'idx_users_email',
      keys: ['lower(email)'],
      columns: ['email'],
      where: null,
    });
    expect(tables.subscriptions.uniqueKeys[0]?.where).toContain("'trialing'::text");
    for (const [name, table] of Object.entries(tables)) {
      for (const fk of table.foreignKeys) {
        expect(tables[fk.references as keyof typeof tables].order, `${name} -> ${fk.references}`).toBeLessThan(
          fk.references === name ? Number.POSITIVE_INFINITY : table.order,
        );
      }
    }
    expect(Object.values(tables).map((table) => table.order)).toEqual(Object.keys(tables).map((_, i) => i));
  });
});

/** The metadata without the text PostgreSQL prints (defaults, CHECK and predicate definitions). */
function withoutPrintedText(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, field) => (['default', 'definition', 'where'].includes(key) ? typeof field : field)),
  );
}
