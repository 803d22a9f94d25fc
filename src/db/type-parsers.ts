import { types } from '@electric-sql/pglite';

/**
 * The type policy (docs/library.md, "Types"): a value reads as `pg` (node-postgres) returns it with
 * its default parsers, which is what the services read in production. PGlite's defaults
 * differ from pg's in two types, so PGlite databases of this package replace those parsers:
 * - int8: the exact decimal text (PGlite gives a number, or a bigint past 2^53);
 * - date: a Date at local midnight of that day (PGlite gives UTC midnight).
 */

/** int8 as its exact decimal text. */
const parseInt8 = (value: string): string => value;

const CALENDAR_DATE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;

/** A `date` as pg's default parser returns it: a Date at local midnight, ±Infinity for ±infinity. */
function parseDate(value: string): Date | number {
  if (value === 'infinity') return Number.POSITIVE_INFINITY;
  if (value === '-infinity') return Number.NEGATIVE_INFINITY;
  const match = CALENDAR_DATE.exec(value);
  if (match === null) return new Date(Number.NaN);
  const year = Number(match[1]);
  const date = new Date(2000, Number(match[2]) - 1, Number(match[3]));
  // setFullYear, not the constructor: the constructor reads years 0-99 as 1900-1999.
  date.setFullYear(match[4] === undefined ? year : 1 - year);
  return date;
}

/** The parsers every PGlite instance of this package is created with. */
export const pgliteParsers = { [types.INT8]: parseInt8, [types.DATE]: parseDate };
