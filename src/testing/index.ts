export { createTestDb } from './create-test-db.js';
export { createIsolatedDb, type IsolatedDb } from './isolated-db.js';
export { createIsolatedPgDb, createPgTestDb, type PgTestDb } from './pg-test-db.js';
