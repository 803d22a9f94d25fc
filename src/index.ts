export { CutxDbError, type CutxDbErrorCode, type CutxDbErrorDetails } from './db/errors.js';
export { type MigrationResult, migrate } from './db/migrate.js';
export { type CutxDb, type OpenDbOptions, openDb } from './db/open.js';
export { fromPg } from './db/pg-client.js';
export { fromPostgres, type PostgresClient } from './db/postgres-client.js';
export { readSchemaFiles, type SchemaFile, schemaChecksum, schemaDir } from './db/schema-files.js';
export type { SqlClient, TransactionalClient } from './db/sql-client.js';
