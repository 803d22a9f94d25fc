export type { SqlClient, TransactionalClient } from '../db/sql-client.js';
export { openTestDb, type TestDb, type TestDbOptions, type TestSql } from './test-db.js';
