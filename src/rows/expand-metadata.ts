import type {
  CheckMetadata,
  ColumnBounds,
  ColumnMetadata,
  DomainMetadata,
  FilledBy,
  SchemaMetadata,
  TableMetadata,
  UniqueKeyMetadata,
} from './schema-metadata.js';

/**
 * A column as the generated file writes it: only what differs from the usual. Left out,
 * `baseType` is `type`, `nullable` is false, `default` is null, `filledBy` is what the
 * default implies ('default' with one, null without) and `bounds` is `{}`.
 */
export interface CompactColumn {
  readonly type: string;
  readonly baseType?: string;
  readonly nullable?: true;
  readonly default?: string;
  readonly filledBy?: FilledBy | null;
  readonly bounds?: ColumnBounds;
}

/** A table as the generated file writes it: empty lists and null triggers left out. */
export interface CompactTable
  extends Partial<Omit<TableMetadata, 'order' | 'columns' | 'primaryKey' | 'uniqueKeys' | 'checks'>>,
    Pick<TableMetadata, 'order' | 'primaryKey'> {
  readonly columns: Readonly<Record<string, CompactColumn>>;
  /** A unique key's `where` is left out when it is not a partial index. */
  readonly uniqueKeys?: readonly (Omit<UniqueKeyMetadata, 'where'> & { readonly where?: string })[];
  /** A CHECK's `simple` is left out when it is true. */
  readonly checks?: readonly (Omit<CheckMetadata, 'simple'> & { readonly simple?: false })[];
}

/** The schema as the generated file writes it; `expandMetadata` gives the full `SchemaMetadata`. */
export interface CompactSchemaMetadata {
  readonly tables: Readonly<Record<string, CompactTable>>;
  readonly domains: Readonly<Record<string, DomainMetadata>>;
}

type Or<T, K extends PropertyKey, Otherwise> = T extends { readonly [P in K]: infer V } ? V : Otherwise;

/** Each item of a list with field `K` set, to `Otherwise` where it was left out. */
type Filled<L, K extends PropertyKey, Otherwise> = {
  readonly [I in keyof L]: L[I] & { readonly [P in K]: Or<L[I], K, Otherwise> };
};

/** A compact column with its left-out fields filled, keeping the literal types. */
export type ExpandedColumn<C extends CompactColumn> = {
  readonly type: C['type'];
  readonly baseType: Or<C, 'baseType', C['type']>;
  readonly nullable: Or<C, 'nullable', false>;
  readonly default: Or<C, 'default', null>;
  readonly filledBy: Or<C, 'filledBy', C extends { default: string } ? 'default' : null>;
  readonly bounds: Or<C, 'bounds', Record<never, never>>;
};

type ExpandedTable<T extends CompactTable> = {
  readonly order: T['order'];
  readonly columns: { readonly [K in keyof T['columns']]: ExpandedColumn<T['columns'][K]> };
  readonly primaryKey: T['primaryKey'];
  readonly uniqueKeys: Filled<Or<T, 'uniqueKeys', readonly []>, 'where', null>;
  readonly foreignKeys: Or<T, 'foreignKeys', readonly []>;
  readonly checks: Filled<Or<T, 'checks', readonly []>, 'simple', true>;
  readonly updatedAtTrigger: Or<T, 'updatedAtTrigger', null>;
  readonly beforeInsertTriggers: Or<T, 'beforeInsertTriggers', readonly []>;
};

/** The full metadata of a compact one, type by type. */
export type ExpandedMetadata<M extends CompactSchemaMetadata> = {
  readonly tables: { readonly [K in keyof M['tables']]: ExpandedTable<M['tables'][K]> };
  readonly domains: M['domains'];
};

function expandColumn(column: CompactColumn): ColumnMetadata {
  const defaultExpression = column.default ?? null;
  return {
    type: column.type,
    baseType: column.baseType ?? column.type,
    nullable: column.nullable ?? false,
    default: defaultExpression,
    filledBy: column.filledBy !== undefined ? column.filledBy : defaultExpression === null ? null : 'default',
    bounds: column.bounds ?? {},
  };
}

function expandTable(table: CompactTable): TableMetadata {
  return {
    order: table.order,
    columns: Object.fromEntries(Object.entries(table.columns).map(([name, column]) => [name, expandColumn(column)])),
    primaryKey: table.primaryKey,
    uniqueKeys: (table.uniqueKeys ?? []).map((key) => ({ ...key, where: key.where ?? null })),
    foreignKeys: table.foreignKeys ?? [],
    checks: (table.checks ?? []).map((check) => ({ ...check, simple: check.simple ?? true })),
    updatedAtTrigger: table.updatedAtTrigger ?? null,
    beforeInsertTriggers: table.beforeInsertTriggers ?? [],
  };
}

/**
 * The generated metadata with every field filled: what the rest of the package reads. The
 * generated file leaves defaults out so that it reads a column to a line.
 *
 * @example export const metadata = expandMetadata({ tables: { users: { order: 0, ... } }, domains: {} })
 */
export function expandMetadata<const M extends CompactSchemaMetadata>(compact: M): ExpandedMetadata<M> {
  const tables = Object.fromEntries(Object.entries(compact.tables).map(([name, table]) => [name, expandTable(table)]));
  const expanded: SchemaMetadata = { tables, domains: compact.domains };
  return expanded as unknown as ExpandedMetadata<M>;
}
