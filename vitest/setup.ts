// Runs in every worker before each test file (the plugin adds it to `setupFiles`): the
// service's own code reads DATABASE_URL when it is imported, so the worker's database must
// be served and the variable set before the test file loads.
import { afterEach } from 'vitest';
import { primaryWorkerDb, resetPrimaryUnlessLeased } from './worker-databases.js';

process.env.DATABASE_URL = (await primaryWorkerDb()).url;
afterEach(resetPrimaryUnlessLeased);
