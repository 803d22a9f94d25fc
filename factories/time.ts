import { createHash } from 'node:crypto';

/** Milliseconds in a second, minute, hour and day, for offsets from a row's creation time. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `date` moved by `ms`. */
export const after = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

/** The UTC calendar date of `date`, as a `date` column takes it. */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** The same id the SQL function `derived_uuid(source, purpose)` gives a trigger-made row. */
export function derivedUuid(source: string, purpose: string): string {
  const hex = createHash('md5').update(`${purpose}:${source}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
