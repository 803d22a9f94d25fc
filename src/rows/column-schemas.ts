import { z } from 'zod';
import { jsKind } from './pg-types.js';
import type { ColumnBounds, ColumnMetadata } from './schema-metadata.js';

/** A calendar date as an insert may give it: 'YYYY-MM-DD'. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const INTEGER_RANGE: Record<string, readonly [bigint, bigint]> = {
  smallint: [-(2n ** 15n), 2n ** 15n - 1n],
  integer: [-(2n ** 31n), 2n ** 31n - 1n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** An int8 written as text: an optional minus and digits. */
const INTEGER_TEXT = /^-?\d+$/;

// PostgreSQL counts a string's length in characters; JS's `length` counts UTF-16 units.
const characters = (value: string) => [...value].length;

function text(bounds: ColumnBounds): z.ZodType<string> {
  let schema: z.ZodType<string> = z.string();
  const { minLength, maxLength, pattern } = bounds;
  if (minLength !== undefined)
    schema = schema.refine((v) => characters(v) >= minLength, `at least ${minLength} characters`);
  if (maxLength !== undefined)
    schema = schema.refine((v) => characters(v) <= maxLength, `at most ${maxLength} characters`);
  if (pattern !== undefined) {
    const regex = new RegExp(pattern);
    schema = schema.refine((v) => regex.test(v), `must match ${pattern}`);
  }
  return schema;
}

/** Whether an integer lies in the column's CHECK range and its type's range. */
function inRange(type: string, bounds: ColumnBounds): (value: bigint) => boolean {
  const [low, high] = INTEGER_RANGE[type] ?? [undefined, undefined];
  const min = bounds.min === undefined ? low : BigInt(bounds.min);
  const max = bounds.max === undefined ? high : BigInt(bounds.max);
  return (value) => (min === undefined || value >= min) && (max === undefined || value <= max);
}

function rangeMessage(bounds: ColumnBounds): string {
  return `must be an integer${bounds.min === undefined ? '' : ` >= ${bounds.min}`}${bounds.max === undefined ? '' : ` <= ${bounds.max}`}`;
}

function scalar(column: ColumnMetadata, kind: string, input: boolean): z.ZodType {
  const { bounds } = column;
  const type = column.baseType.replace(/\(.*\)/, '');
  if (bounds.values !== undefined) return z.enum(bounds.values as [string, ...string[]]);
  switch (kind) {
    case 'number': {
      if (!(type in INTEGER_RANGE)) return z.number();
      const ok = inRange(type, bounds);
      return z
        .number()
        .int()
        .refine((v) => ok(BigInt(v)), rangeMessage(bounds));
    }
    case 'integer8': {
      const ok = inRange(type, bounds);
      const integerText = z.string().regex(INTEGER_TEXT, 'must be an integer as text');
      const value = input ? z.union([integerText, z.number().int(), z.bigint()]) : integerText;
      // zod runs the refinement after a failed union too: only integer text reaches BigInt.
      const integral = (v: string | number | bigint) => typeof v !== 'string' || INTEGER_TEXT.test(v);
      return (value as z.ZodType<string | number | bigint>).refine(
        (v) => integral(v) && ok(BigInt(v)),
        rangeMessage(bounds),
      );
    }
    case 'decimal':
      return input ? z.union([z.string(), z.number()]) : z.string();
    case 'boolean':
      return z.boolean();
    case 'date':
      return input ? z.union([z.date(), z.string().regex(ISO_DATE)]) : z.date();
    case 'timestamp':
      return z.date();
    case 'bytes': {
      const { octetLength } = bounds;
      const bytes = z.instanceof(Uint8Array);
      return octetLength === undefined
        ? bytes
        : bytes.refine((v) => v.length === octetLength, `must be ${octetLength} bytes`);
    }
    case 'json':
      return bounds.jsonType === 'object'
        ? z.record(z.string(), z.json())
        : bounds.jsonType === 'array'
          ? z.array(z.json())
          : z.json();
    default:
      return type === 'uuid' ? z.guid() : text(bounds);
  }
}

function value(column: ColumnMetadata, where: string, input: boolean, typed: z.ZodType | undefined): z.ZodType {
  if (typed !== undefined) return typed;
  const { kind, array } = jsKind(column.baseType, where);
  const element = scalar(column, kind, input);
  return array ? z.array(element) : element;
}

/**
 * The zod schema of a column's value as read (under the type policy), from its metadata;
 * `typed` replaces the value's schema for a JSONB column with a known shape.
 */
export function readSchema(column: ColumnMetadata, where: string, typed?: z.ZodType): z.ZodType {
  const schema = value(column, where, false, typed);
  return column.nullable ? schema.nullable() : schema;
}

/**
 * The zod schema of a column's value in an insert: optional where the database fills it or
 * accepts NULL; a generated column may not be given.
 */
export function insertSchema(column: ColumnMetadata, where: string, typed?: z.ZodType): z.ZodType {
  if (column.filledBy === 'generated') return z.undefined();
  const schema = value(column, where, true, typed);
  if (column.nullable) return schema.nullable().optional();
  return column.filledBy === null ? schema : schema.optional();
}
