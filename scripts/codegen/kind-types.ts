// Each kind's JS type under the type policy: as a select returns it, and what an insert
// or update may give. Both generated files (Kysely and Drizzle) read their types from here.
export const KIND_TYPES: Record<string, { read: string; write: string }> = {
  number: { read: 'number', write: 'number' },
  integer8: { read: 'string', write: 'string | number | bigint' },
  decimal: { read: 'string', write: 'string | number' },
  boolean: { read: 'boolean', write: 'boolean' },
  date: { read: 'Date', write: 'Date | string' },
  timestamp: { read: 'Date', write: 'Date | string' },
  json: { read: 'Json', write: 'JsonInput' },
  bytes: { read: 'Uint8Array', write: 'Uint8Array' },
  string: { read: 'string', write: 'string' },
};

/** The `Json` and `JsonInput` types the generated files declare, which the `json` kind names. */
export const JSON_ALIAS = `/** A JSON value as \`JSON.parse\` returns it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * What a JSON column takes: a JSON value, or any object, written as \`JSON.stringify\` writes
 * it. Wider than \`Json\` because a payload declared as an \`interface\` has no index
 * signature, so TypeScript never lets it into \`{ [key: string]: Json }\`.
 */
export type JsonInput = Json | object;
`;
