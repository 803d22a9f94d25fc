/**
 * `@cutx/db/kysely`: the `Database` interface for `new Kysely<Database>(...)`, generated
 * from the schema, with column types under the type policy (docs/library.md, "Types").
 */
export type * from '../rows/generated/kysely.js';
