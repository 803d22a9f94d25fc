export { createTestDb } from './create-test-db.js';
export { createIsolatedDb, type IsolatedDb } from './isolated-db.js';
export { migratedTemplate } from './template.js';
export { templateCacheDir } from './template-cache.js';
