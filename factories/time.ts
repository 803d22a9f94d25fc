import { CutxDbError } from '../src/db/errors.js';

/** Milliseconds in a second, minute, hour and day, for offsets from a row's creation time. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * The instant factory rows are stamped before when `createFactories` is given no `asOf`:
 * the start of the current UTC day. Rows then sit in the day before today, beside what a
 * service inserts with `now()`, and a factory set still makes the same rows all day long.
 */
export function startOfUtcDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY) * DAY);
}

/** A factory set's `asOf`: the one given, checked, or the start of the current UTC day. */
export function factoryAsOf(asOf: Date | undefined): Date {
  const anchor = asOf ?? startOfUtcDay(new Date());
  if (Number.isNaN(anchor.getTime())) {
    throw new CutxDbError('invalid_input', 'createFactories: asOf is an invalid Date; pass a valid instant or none.');
  }
  return anchor;
}

/**
 * The creation time of row `seq` of a table: a second apart, counting from a day before
 * `asOf`, so the first 86,399 rows of each table are stamped before the anchor.
 */
export function stampAt(ctx: { readonly asOf: Date; readonly seq: number }): Date {
  return new Date(ctx.asOf.getTime() - DAY + ctx.seq * SECOND);
}

/** `date` moved by `ms`. */
export const after = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

/**
 * The UTC calendar day of `instant` as a `date` column reads it (type policy): a Date at
 * local midnight of that day, so the day is the same in every time zone.
 */
export function calendarDay(instant: Date): Date {
  const day = new Date(2000, instant.getUTCMonth(), instant.getUTCDate());
  day.setFullYear(instant.getUTCFullYear());
  return day;
}
