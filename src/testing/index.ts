export { migratedTemplate } from '../db/template/migrated-template.js';
export { templateCacheDir } from '../db/template/template-cache.js';
export { createTestDb } from './create-test-db.js';
export { createIsolatedDb, type IsolatedDb } from './isolated-db.js';
