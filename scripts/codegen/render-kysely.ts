import { jsKind } from '../../src/rows/pg-types.js';
import type { ColumnMetadata, SchemaMetadata } from '../../src/rows/schema-metadata.js';
import { JSON_ALIAS, KIND_TYPES } from './kind-types.js';
import { GENERATED_HEADER } from './render-metadata.js';
import { pascalCase, propertyKey, quoted } from './ts-names.js';

function columnType(column: ColumnMetadata, where: string): string {
  const { kind, array } = jsKind(column.baseType, where);
  const values = column.bounds.values?.map(quoted).join(' | ');
  const types = KIND_TYPES[kind] as { read: string; write: string };
  const shape = (type: string) => `${array ? `(${type})[]` : type}${column.nullable ? ' | null' : ''}`;
  const read = shape(values ?? types.read);
  const write = shape(values ?? types.write);
  if (column.filledBy === 'generated') return `GeneratedAlways<${read}>`;
  if (read === write) return column.filledBy === null ? read : `Generated<${read}>`;
  return `ColumnType<${read}, ${write}${column.filledBy === null ? '' : ' | undefined'}, ${write}>`;
}

/**
 * src/rows/generated/kysely.ts: one interface per table and the `Database` interface, with
 * `Generated<>` for every column the database fills, so an insert of the required columns
 * compiles.
 */
export function renderKysely(metadata: SchemaMetadata): string {
  const tables = Object.entries(metadata.tables);
  const interfaces = tables.map(([table, { columns }]) => {
    const lines = Object.entries(columns).map(
      ([name, column]) => `  ${propertyKey(name)}: ${columnType(column, `${table}.${name}`)};`,
    );
    return `/** \`${table}\` */\nexport interface ${pascalCase(table)} {\n${lines.join('\n')}\n}\n`;
  });
  const database = tables.map(([table]) => `  ${propertyKey(table)}: ${pascalCase(table)};`);
  const body = interfaces.join('\n');
  const used = ['ColumnType', 'Generated', 'GeneratedAlways'].filter(
    (name) => name === 'ColumnType' || body.includes(`${name}<`),
  );
  return `${GENERATED_HEADER}
import type { ${used.join(', ')} } from 'kysely';

${JSON_ALIAS}
${body}
/** Every table, for \`new Kysely<Database>(...)\`. */
export interface Database {
${database.join('\n')}
}
`;
}
