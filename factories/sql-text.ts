/** A fixed identifier (a table or column of `tables`), double-quoted. */
export const quote = (identifier: string): string => `"${identifier}"`;

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** A value as PostgreSQL's text input for a column of `sqlType`: what COPY and `::type` casts read. */
export function toText(value: unknown, sqlType: string): string | null {
  if (value === null || value === undefined) return null;
  // Before the string case: a JSON string value is written as JSON, quotes and all.
  if (sqlType === 'jsonb') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return arrayLiteral(value as string[]);
  return String(value);
}
