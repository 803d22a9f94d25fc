export type { DbEngine, DbServer, DbServerOptions } from './db-server-options.js';
export { postgresEngineInstalled } from './postgres/postgres-binaries.js';
export { startDbServer } from './start-db-server.js';
