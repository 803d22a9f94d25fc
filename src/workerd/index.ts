// `@cutx/db` as workerd (and other `worker` runtimes) resolve it: the same names as the Node
// build, so one import line works in both. What needs no Node is the real thing: the error
// class and the client adapters. The functions that need Node (PGlite on the file system,
// schema/ read from disk) are exported as functions that throw `unsupported_runtime` when
// called, not when imported: a Worker importing `CutxDbError` must not fail for `openDb`.
// `schemaDir` is a path on disk, which a Worker has not: it is left out, so a bundler names
// it as a missing export at build time.
import type * as node from '../index.js';
import { IN_A_WORKER, nodeOnly } from './node-only.js';

export { CutxDbError, type CutxDbErrorCode, type CutxDbErrorDetails } from '../db/errors.js';
export type { MigrationResult } from '../db/migrate.js';
export type { CutxDb, OpenDbOptions } from '../db/open.js';
export { fromPg } from '../db/pg-client.js';
export { fromPostgres, type PostgresClient } from '../db/postgres-client.js';
export type { SchemaFile } from '../db/schema-files.js';
export type { SqlClient, TransactionalClient } from '../db/sql-client.js';

const FROM_NODE = 'run it from Node (the vitest config or globalSetup, or the cutx-db command) before the Worker runs';

/** Throws `unsupported_runtime`: PGlite needs Node's file system. */
export const openDb: typeof node.openDb = () => {
  throw nodeOnly('openDb (PGlite on the file system)', IN_A_WORKER);
};

/** Throws `unsupported_runtime`: the schema files are read from disk. */
export const migrate: typeof node.migrate = () => {
  throw nodeOnly('migrate (schema/ read from disk)', FROM_NODE);
};

/** Throws `unsupported_runtime`: the schema files are read from disk. */
export const readSchemaFiles: typeof node.readSchemaFiles = () => {
  throw nodeOnly('readSchemaFiles (schema/ read from disk)', FROM_NODE);
};

/** Throws `unsupported_runtime`: the schema files are read from disk. */
export const schemaChecksum: typeof node.schemaChecksum = () => {
  throw nodeOnly('schemaChecksum (schema/ read from disk)', FROM_NODE);
};
