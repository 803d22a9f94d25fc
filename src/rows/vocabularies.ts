import { metadata } from './generated/metadata.js';
import type { ColumnMetadata } from './schema-metadata.js';
import { type TableName, tableNames } from './tables.js';

type Columns<T extends TableName> = (typeof metadata.tables)[T]['columns'];
type WithValues<T extends TableName> = {
  [K in keyof Columns<T> as Columns<T>[K] extends { bounds: { values: readonly string[] } }
    ? K
    : never]: Columns<T>[K] extends {
    bounds: { values: infer V };
  }
    ? V
    : never;
};

/** The closed vocabularies: per table, each column whose CHECK is a closed list, and its values. */
export type Vocabularies = {
  [T in TableName as keyof WithValues<T> extends never ? never : T]: WithValues<T>;
};

/**
 * The closed vocabularies of the schema: every column whose CHECK constraint is a closed
 * list (`IN (...)`), and its values, read from the generated metadata.
 *
 * @example vocabularies.users.role // ['user', 'admin', 'owner']
 */
export const vocabularies = Object.fromEntries(
  tableNames.flatMap((table) => {
    const lists = Object.entries(metadata.tables[table].columns as Record<string, ColumnMetadata>).flatMap(
      ([column, { bounds }]) => (bounds.values === undefined ? [] : [[column, bounds.values]]),
    );
    return lists.length === 0 ? [] : [[table, Object.fromEntries(lists)]];
  }),
) as Vocabularies;
