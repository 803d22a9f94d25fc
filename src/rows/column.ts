import { z } from 'zod';

/**
 * One column of a table, as the catalog states it: its type as `format_type()` prints it,
 * whether it is nullable, whether it has a default, and the zod schemas of its value as
 * read back (`read`) and as accepted for an insert (`write`). The two differ where drivers
 * return another shape than the one to send (bigint as string, date as Date).
 */
export class Column<
  R extends z.ZodType = z.ZodType,
  W extends z.ZodType = z.ZodType,
  N extends boolean = boolean,
  D extends boolean = boolean,
> {
  constructor(
    readonly sqlType: string,
    readonly read: R,
    readonly write: W,
    readonly isNullable: N,
    readonly hasDefault: D,
  ) {}

  /** The column accepts NULL. */
  nullable(): Column<R, W, true, D> {
    return new Column(this.sqlType, this.read, this.write, true, this.hasDefault);
  }

  /** The column has a database default, so an insert may leave it out. */
  defaulted(): Column<R, W, N, true> {
    return new Column(this.sqlType, this.read, this.write, this.isNullable, true);
  }
}

function same<S extends z.ZodType>(sqlType: string, schema: S): Column<S, S, false, false> {
  return new Column(sqlType, schema, schema, false, false);
}

interface TextChecks {
  min?: number;
  max?: number;
  regex?: RegExp;
}

function text(checks: TextChecks = {}): z.ZodString {
  let schema = z.string();
  if (checks.min !== undefined) schema = schema.min(checks.min);
  if (checks.max !== undefined) schema = schema.max(checks.max);
  if (checks.regex !== undefined) schema = schema.regex(checks.regex);
  return schema;
}

interface NumberChecks {
  min?: number;
  max?: number;
}

function integer(checks: NumberChecks): z.ZodNumber {
  let schema = z.number().int();
  if (checks.min !== undefined) schema = schema.min(checks.min);
  if (checks.max !== undefined) schema = schema.max(checks.max);
  return schema;
}

/** A calendar date as written and read: 'YYYY-MM-DD'. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// PGlite parses a date as UTC midnight, node-postgres as local midnight: whichever of the
// two readings is a midnight is the calendar date that was stored.
function calendarDate(value: Date): string {
  const utc = value.getUTCHours() === 0 && value.getUTCMinutes() === 0;
  const y = utc ? value.getUTCFullYear() : value.getFullYear();
  const m = (utc ? value.getUTCMonth() : value.getMonth()) + 1;
  const d = utc ? value.getUTCDate() : value.getDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The column types the schema uses, each with its CHECK-level rules where it has them. */
export const c = {
  uuid: () => same('uuid', z.guid()),
  text: (checks?: TextChecks) => same('text', text(checks)),
  inet: () => same('inet', z.string().min(1)),
  boolean: () => same('boolean', z.boolean()),
  integer: (checks: NumberChecks = {}) => same('integer', integer(checks)),
  /** Money and counters: a JS number (safe integer); node-postgres returns int8 as a string. */
  bigint: (checks: NumberChecks = {}) =>
    new Column(
      'bigint',
      z.union([z.number(), z.string(), z.bigint()]).pipe(z.coerce.number()).pipe(integer(checks)),
      integer(checks).refine(Number.isSafeInteger, 'must be a safe integer'),
      false,
      false,
    ),
  timestamptz: () => same('timestamp with time zone', z.date()),
  /** A calendar date as 'YYYY-MM-DD'. */
  date: () =>
    new Column(
      'date',
      z.union([z.date().transform(calendarDate), z.string().regex(ISO_DATE)]),
      z.string().regex(ISO_DATE),
      false,
      false,
    ),
  bytea: (length?: number) =>
    same(
      'bytea',
      length === undefined
        ? z.instanceof(Uint8Array)
        : z.instanceof(Uint8Array).refine((b) => b.length === length, `must be ${length} bytes`),
    ),
  textArray: () => same('text[]', z.array(z.string())),
  currency: () => same('currency_code', z.string().regex(/^[A-Z]{3}$/)),
  oneOf: <const V extends readonly [string, ...string[]]>(values: V) => same('text', z.enum(values)),
  jsonb: <S extends z.ZodType>(schema: S) => same('jsonb', schema),
};

/** The key every table has. */
export const id = () => c.uuid().defaulted();
/** The creation time every table has. */
export const createdAt = () => c.timestamptz().defaulted();
/** The trigger-kept change time of the ten tables that have one (guarantee 3). */
export const updatedAt = () => c.timestamptz().defaulted();
