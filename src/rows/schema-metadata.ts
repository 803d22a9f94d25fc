/**
 * The shape of `metadata` (src/rows/generated/metadata.ts), which `npm run codegen` writes
 * from the catalog of a freshly migrated database. Everything in src/rows, the Kysely and
 * Drizzle types, the factories and the tests derive their facts about the database from it.
 */

/**
 * How the database fills a column that an insert leaves out:
 * - `default`: a column default;
 * - `identity`: an identity column;
 * - `generated`: a stored generated column (an insert may not set it);
 * - `trigger`: a BEFORE INSERT row trigger's function assigns `NEW.<column>`, so the
 *   database may replace whatever was written (the ledger's `balance_after`). Takes
 *   precedence over a default, which the trigger overwrites anyway.
 */
export type FilledBy = 'default' | 'identity' | 'generated' | 'trigger';

/**
 * What the simple CHECK constraints on a column (and on its domain) allow, read from their
 * definitions. Lengths are in characters; `min`/`max` are inclusive and only read for
 * integer columns; `pattern` is the POSIX regular expression as written in SQL.
 */
export interface ColumnBounds {
  /** A closed list: `IN (...)` / `= ANY (ARRAY[...])`. */
  readonly values?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  /** An exact `octet_length(column) = n`. */
  readonly octetLength?: number;
  /** `jsonb_typeof(column) = '...'`. */
  readonly jsonType?: string;
}

export interface ColumnMetadata {
  /** The type as `format_type` prints it: what a cast names (`currency_code`, `text[]`). */
  readonly type: string;
  /** The type a domain is over; the type itself for anything else. */
  readonly baseType: string;
  readonly nullable: boolean;
  /** The default expression, as `pg_get_expr` prints it. */
  readonly default: string | null;
  readonly filledBy: FilledBy | null;
  readonly bounds: ColumnBounds;
}

/** A CHECK constraint; `simple` when `bounds` say all of it. */
export interface CheckMetadata {
  readonly name: string;
  readonly columns: readonly string[];
  readonly definition: string;
  readonly simple: boolean;
}

/** A unique index or constraint other than the primary key. */
export interface UniqueKeyMetadata {
  readonly name: string;
  /** Each key element: a column name, or an expression such as `lower(email)`. */
  readonly keys: readonly string[];
  /** The table columns the key elements read. */
  readonly columns: readonly string[];
  /** The predicate of a partial unique index. */
  readonly where: string | null;
}

export type OnDelete = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action';

export interface ForeignKeyMetadata {
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: OnDelete;
}

export interface TableMetadata {
  /** The table's place in foreign-key order: after every table it references. */
  readonly order: number;
  /** Every column, in the table's column order. */
  readonly columns: Readonly<Record<string, ColumnMetadata>>;
  readonly primaryKey: readonly string[];
  readonly uniqueKeys: readonly UniqueKeyMetadata[];
  readonly foreignKeys: readonly ForeignKeyMetadata[];
  readonly checks: readonly CheckMetadata[];
  /** The BEFORE UPDATE row trigger that assigns `NEW.updated_at`, if any. */
  readonly updatedAtTrigger: string | null;
  /** BEFORE INSERT row triggers: they may change a row as it is inserted. */
  readonly beforeInsertTriggers: readonly string[];
}

export interface DomainMetadata {
  readonly baseType: string;
  readonly bounds: ColumnBounds;
}

/** The whole schema: tables keyed by name in foreign-key order (ties by name), and domains. */
export interface SchemaMetadata {
  readonly tables: Readonly<Record<string, TableMetadata>>;
  readonly domains: Readonly<Record<string, DomainMetadata>>;
}
