import { toHex } from './hex.js';

/**
 * A query parameter as the text `pg` (node-postgres) sends for it, so a driver that takes
 * text parameters writes the same values pg does: null for null and undefined, bytes as
 * bytea hex, a Date in local time with its offset, an array as an array literal, any
 * other object as JSON, anything else as its string.
 */
export function toPgText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (ArrayBuffer.isView(value)) return `\\x${toHex(value)}`;
  if (value instanceof Date) return localTimestamp(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DDTHH:MM:SS.mmm+HH:MM` in local time, ` BC` for years before 1, as pg writes a Date. */
function localTimestamp(date: Date): string {
  const year = date.getFullYear();
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const day = `${pad(year < 1 ? 1 - year : year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
  return `${day}T${time}${zone}${year < 1 ? ' BC' : ''}`;
}

/** An array literal, `{"a","b",NULL}`: elements quoted and escaped, nested arrays kept nested. */
function arrayLiteral(values: readonly unknown[]): string {
  const elements = values.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    if (ArrayBuffer.isView(item)) return `\\\\x${toHex(item)}`;
    return `"${(toPgText(item) as string).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}
