// Runs in every worker before each test file (the plugin adds it to `setupFiles`): the
// service's own code reads DATABASE_URL when it is imported, so the worker's database must
// be served and the variable set before the test file loads.
import { beforeEach } from 'vitest';
import { primaryWorkerDb, resetPrimaryUnlessLeased } from './worker-databases.js';

process.env.DATABASE_URL = (await primaryWorkerDb()).url;
// Before each test, not after: a test that timed out may still be writing when its
// afterEach hooks run, and the next test must start clean all the same.
beforeEach(({ task }) => resetPrimaryUnlessLeased(task.id));
