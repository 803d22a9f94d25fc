/**
 * `@cutx/db/drizzle`: a Drizzle `pgTable` per table (and the domains' custom types),
 * generated from the schema, with column types under the type policy (docs/library.md, "Types").
 */
export * from '../rows/generated/drizzle.js';
