/**
 * What a jsonb column gives back for a JavaScript value, worked out without asking the
 * database. jsonb keeps no key order of its own: it stores an object's keys shorter first,
 * then by their UTF-8 bytes, and a read parses them in that order. Every other part of
 * plain JSON reads back as written: null, booleans, well-formed strings without U+0000,
 * finite numbers (their shortest decimal reads back to the same double), arrays.
 */

/** A value that is not plain JSON, or that jsonb would not return as it is (-0, NaN, a Date). */
export const NOT_PLAIN_JSON: unique symbol = Symbol('not plain JSON');

const encoder = new TextEncoder();
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** jsonb's order of object keys: by UTF-8 length, then bytewise. */
function compareKeys(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const [x, y] = [encoder.encode(a), encoder.encode(b)];
  return x.length - y.length || Buffer.compare(x, y);
}

// JavaScript lists array-index keys first, in numeric order, whatever order they were set
// in, so only the other keys can be out of jsonb's order.
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.getOwnPropertySymbols(value).length === 0;
}

/**
 * `value` as a read of a jsonb column holding it returns it: the value itself when it
 * already is (no copy), a copy with objects' keys in jsonb's order, or NOT_PLAIN_JSON.
 */
export function jsonbAsRead(value: unknown): unknown {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.isWellFormed() && !value.includes('\u0000') ? value : NOT_PLAIN_JSON;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : NOT_PLAIN_JSON;
    case 'object':
      if (value === null) return value;
      if (Array.isArray(value)) return arrayAsRead(value);
      return isPlainObject(value) ? objectAsRead(value as Record<string, unknown>) : NOT_PLAIN_JSON;
    default:
      return NOT_PLAIN_JSON;
  }
}

function arrayAsRead(array: readonly unknown[]): unknown {
  if (Object.getPrototypeOf(array) !== Array.prototype) return NOT_PLAIN_JSON;
  let copy: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    const read = jsonbAsRead(array[i]);
    if (read === NOT_PLAIN_JSON) return NOT_PLAIN_JSON;
    if (read !== array[i]) {
      copy ??= array.slice();
      copy[i] = read;
    }
  }
  return copy ?? array;
}

function objectAsRead(object: Record<string, unknown>): unknown {
  const keys = Object.keys(object);
  let reads: Map<string, unknown> | undefined;
  let inOrder = true;
  let previous: string | undefined;
  for (const key of keys) {
    // An own "__proto__" (JSON.parse makes one) cannot be copied by assignment: read it back.
    if (key === '__proto__') return NOT_PLAIN_JSON;
    const read = jsonbAsRead(object[key]);
    if (read === NOT_PLAIN_JSON) return NOT_PLAIN_JSON;
    if (read !== object[key]) {
      reads ??= new Map();
      reads.set(key, read);
    }
    if (isArrayIndex(key)) continue;
    if (previous !== undefined && compareKeys(previous, key) > 0) inOrder = false;
    previous = key;
  }
  if (inOrder && reads === undefined) return object;
  const ordered: Record<string, unknown> = {};
  for (const key of keys.sort(compareKeys)) ordered[key] = reads?.has(key) ? reads.get(key) : object[key];
  return ordered;
}
