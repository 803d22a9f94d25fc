import { CutxDbError } from '../db/errors.js';

/**
 * The JS value a PostgreSQL type reads as under the type policy (docs/library.md, "Types"): what
 * `pg` returns with its default parsers, and what PGlite databases of this package return.
 * The zod schemas, Kysely and Drizzle types all map column types through this one table.
 */
export type JsKind = 'number' | 'integer8' | 'decimal' | 'boolean' | 'date' | 'timestamp' | 'json' | 'bytes' | 'string';

const KINDS = {
  smallint: 'number',
  integer: 'number',
  real: 'number',
  'double precision': 'number',
  bigint: 'integer8',
  numeric: 'decimal',
  boolean: 'boolean',
  date: 'date',
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
  json: 'json',
  jsonb: 'json',
  bytea: 'bytes',
  text: 'string',
  character: 'string',
  'character varying': 'string',
  uuid: 'string',
  inet: 'string',
  cidr: 'string',
  citext: 'string',
} as const satisfies Record<string, JsKind>;

/** The JS type of each kind. */
interface KindValues {
  number: number;
  integer8: string;
  decimal: string;
  boolean: boolean;
  date: Date;
  timestamp: Date;
  json: JsonValue;
  bytes: Uint8Array;
  string: string;
}

/** A base type without its modifier, `character(3)` -> `character`. */
type Unmodified<T extends string> = T extends `${infer A}(${string})${infer B}` ? `${A}${B}` : T;

/** What an insert may give for each kind, beside the value it reads as. */
interface KindInputs extends Omit<KindValues, 'integer8' | 'decimal' | 'date'> {
  integer8: string | number | bigint;
  decimal: string | number;
  date: Date | string;
}

type ScalarJs<T extends string, Values> = T extends keyof typeof KINDS
  ? Values[(typeof KINDS)[T] & keyof Values]
  : never;

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The JS type a column of `BaseType` (as `format_type` prints it) reads as. */
export type JsValue<BaseType extends string> = BaseType extends `${infer E}[]`
  ? ScalarJs<Unmodified<E>, KindValues>[]
  : ScalarJs<Unmodified<BaseType>, KindValues>;

/** What an insert into a column of `BaseType` accepts: int8 and numeric also as numbers, a date also as 'YYYY-MM-DD'. */
export type JsInput<BaseType extends string> = BaseType extends `${infer E}[]`
  ? ScalarJs<Unmodified<E>, KindInputs>[]
  : ScalarJs<Unmodified<BaseType>, KindInputs>;

/** How a column of `baseType` reads: its kind, and whether it is an array of it. */
export function jsKind(baseType: string, where: string): { kind: JsKind; array: boolean } {
  const array = baseType.endsWith('[]');
  const element = (array ? baseType.slice(0, -2) : baseType).replace(/\(\d+(,\d+)?\)/, '');
  const kind = (KINDS as Record<string, JsKind>)[element];
  if (kind === undefined) {
    throw new CutxDbError(
      'invalid_input',
      `${where} has type ${baseType}, which src/rows/pg-types.ts does not map to a JS value: ` +
        'add it there (with what `pg` returns for it), or use a type it maps.',
    );
  }
  return { kind, array };
}
