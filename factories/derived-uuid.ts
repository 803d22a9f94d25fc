import { md5Hex } from './digest.js';

/** The same id the SQL function `derived_uuid(source, purpose)` gives a trigger-made row. */
export function derivedUuid(source: string, purpose: string): string {
  const hex = md5Hex(`${purpose}:${source}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
