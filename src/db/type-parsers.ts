/**
 * How values come back from the database, made the same on PGlite and on `pg`: a row
 * read through either engine compares equal.
 * - date: the 'YYYY-MM-DD' text, since a calendar day has no time zone to convert through;
 * - int8: a number when it is a safe integer (money in cents always is), else a bigint,
 *   as PGlite does by default (pg would give a string).
 */
export const DATE_OID = 1082;
export const INT8_OID = 20;

export const parseDate = (value: string): string => value;

export function parseInt8(value: string): number | bigint {
  const big = BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}
