import { CutxDbError } from '../../src/db/errors.js';
import { jsKind } from '../../src/rows/pg-types.js';
import type { ColumnMetadata, SchemaMetadata, TableMetadata } from '../../src/rows/schema-metadata.js';
import { JSON_ALIAS, KIND_TYPES } from './kind-types.js';
import { GENERATED_HEADER } from './render-metadata.js';
import { camelCase, propertyKey, quoted } from './ts-names.js';

// The pg-core functions a generated schema may call, imported when it does.
const PG_CORE = [
  'boolean',
  'char',
  'cidr',
  'customType',
  'date',
  'doublePrecision',
  'foreignKey',
  'inet',
  'integer',
  'json',
  'jsonb',
  'numeric',
  'pgTable',
  'primaryKey',
  'real',
  'smallint',
  'text',
  'timestamp',
  'uniqueIndex',
  'uuid',
  'varchar',
];

/** SQL text inside a `sql` template literal. */
const sqlText = (text: string) =>
  `sql\`${text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``;

/** The builder call of a column's type, e.g. `varchar('name', { length: 20 })`. */
function builder(name: string, column: ColumnMetadata, where: string, domains: SchemaMetadata['domains']): string {
  const key = quoted(name);
  if (column.type in domains) return `${camelCase(column.type)}(${key})`;
  const element = column.baseType.replace(/\[\]$/, '');
  const length = /\((\d+)\)$/.exec(element)?.[1];
  const plain = element.replace(/\(.*\)/, '');
  const values = column.bounds.values;
  const calls: Record<string, string> = {
    uuid: `uuid(${key})`,
    text: values === undefined ? `text(${key})` : `text(${key}, { enum: [${values.map(quoted).join(', ')}] })`,
    'character varying': length === undefined ? `varchar(${key})` : `varchar(${key}, { length: ${length} })`,
    character: length === undefined ? `char(${key})` : `char(${key}, { length: ${length} })`,
    smallint: `smallint(${key})`,
    integer: `integer(${key})`,
    bigint: `int8(${key})`,
    real: `real(${key})`,
    'double precision': `doublePrecision(${key})`,
    numeric: `numeric(${key})`,
    boolean: `boolean(${key})`,
    date: `date(${key}, { mode: 'date' })`,
    'timestamp with time zone': `timestamp(${key}, { withTimezone: true, mode: 'date' })`,
    'timestamp without time zone': `timestamp(${key}, { mode: 'date' })`,
    // Drizzle has one type per column for reads and writes: the wider one, so that a
    // payload declared as an interface can be written.
    json: `json(${key}).$type<JsonInput>()`,
    jsonb: `jsonb(${key}).$type<JsonInput>()`,
    bytea: `bytea(${key})`,
    inet: `inet(${key})`,
    cidr: `cidr(${key})`,
  };
  const call = calls[plain];
  if (call === undefined) {
    throw new CutxDbError(
      'invalid_input',
      `${where} has type ${column.baseType}, which render-drizzle.ts does not map.`,
    );
  }
  return column.baseType.endsWith('[]') ? `${call}.array()` : call;
}

function columnLine(table: string, meta: TableMetadata, name: string, metadata: SchemaMetadata): string {
  const column = meta.columns[name] as ColumnMetadata;
  let code = builder(name, column, `${table}.${name}`, metadata.domains);
  if (!column.nullable) code += '.notNull()';
  if (column.default !== null) code += `.default(${sqlText(column.default)})`;
  if (meta.primaryKey.length === 1 && meta.primaryKey[0] === name) code += '.primaryKey()';
  const fk = meta.foreignKeys.find((key) => key.columns.length === 1 && key.columns[0] === name);
  if (fk !== undefined) {
    const target = `${camelCase(fk.references)}.${propertyKey(fk.referencedColumns[0] as string)}`;
    const self = fk.references === table ? ': AnyPgColumn' : '';
    code += `.references(()${self} => ${target}, { onDelete: ${quoted(fk.onDelete)} })`;
  }
  return `    ${propertyKey(name)}: ${code},`;
}

function extras(meta: TableMetadata): string[] {
  const column = (name: string) => `t.${propertyKey(name)}`;
  const lines = meta.uniqueKeys.map((key) => {
    const on = key.keys.map((element) => {
      const name = element.replace(/^"(.*)"$/, '$1');
      return name in meta.columns ? column(name) : sqlText(element);
    });
    const where = key.where === null ? '' : `.where(${sqlText(key.where)})`;
    return `uniqueIndex(${quoted(key.name)}).on(${on.join(', ')})${where}`;
  });
  if (meta.primaryKey.length > 1) lines.push(`primaryKey({ columns: [${meta.primaryKey.map(column).join(', ')}] })`);
  for (const fk of meta.foreignKeys.filter((key) => key.columns.length > 1)) {
    const foreign = `[${fk.referencedColumns.map((name) => `${camelCase(fk.references)}.${propertyKey(name)}`).join(', ')}]`;
    lines.push(
      `foreignKey({ name: ${quoted(fk.name)}, columns: [${fk.columns.map(column).join(', ')}], foreignColumns: ${foreign} }).onDelete(${quoted(fk.onDelete)})`,
    );
  }
  return lines;
}

/**
 * src/rows/generated/drizzle.ts: a `pgTable` per table (columns with their types under the
 * type policy, NOT NULL, defaults, keys, foreign keys with their ON DELETE rule) and a
 * custom type per domain.
 */
export function renderDrizzle(metadata: SchemaMetadata): string {
  const domains = Object.entries(metadata.domains).map(([name, domain]) => {
    const { kind } = jsKind(domain.baseType, `domain ${name}`);
    const data = (KIND_TYPES[kind] as { read: string }).read;
    return `/** The \`${name}\` domain (over ${domain.baseType}). */
export const ${camelCase(name)} = customType<{ data: ${data}; driverData: ${data} }>({ dataType: () => ${quoted(name)} });
`;
  });
  const tables = Object.entries(metadata.tables).map(([table, meta]) => {
    const columns = Object.keys(meta.columns).map((name) => columnLine(table, meta, name, metadata));
    const extra = extras(meta);
    const third = extra.length === 0 ? '' : `,\n  (t) => [\n${extra.map((line) => `    ${line},`).join('\n')}\n  ]`;
    return `/** \`${table}\` */
export const ${camelCase(table)} = pgTable(
  ${quoted(table)},
  {
${columns.join('\n')}
  }${third},
);
`;
  });
  const body = `${domains.join('\n')}\n${tables.join('\n')}`;
  const imports = PG_CORE.filter((name) => name === 'customType' || new RegExp(`(?<![.\\w])${name}\\(`).test(body));
  if (body.includes(': AnyPgColumn')) imports.unshift('type AnyPgColumn');
  return `${GENERATED_HEADER}
import { sql } from 'drizzle-orm';
import { ${imports.join(', ')} } from 'drizzle-orm/pg-core';

${JSON_ALIAS}
/** int8 as its exact decimal text (type policy), not drizzle's number or bigint modes. */
export const int8 = customType<{ data: string; driverData: string }>({ dataType: () => 'bigint' });

/** bytea as a Uint8Array (pg returns a Buffer, which is one). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

${body}`;
}
