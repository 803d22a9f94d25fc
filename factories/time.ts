import { md5Hex } from './digest.js';

/** Milliseconds in a second, minute, hour and day, for offsets from a row's creation time. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

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

/** The same id the SQL function `derived_uuid(source, purpose)` gives a trigger-made row. */
export function derivedUuid(source: string, purpose: string): string {
  const hex = md5Hex(`${purpose}:${source}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
