/**
 * `@cutx/db/kysely`: the `Database` interface for `new Kysely<Database>(...)`, generated
 * from the schema, with column types under the type policy (README, "Types").
 */
export type * from '../rows/generated/kysely.js';
