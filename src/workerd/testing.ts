// What workerd resolves '@cutx/db/testing' to: it needs Node, so loading it fails at once
// with an error that says what to use instead, rather than deep inside a Node built-in.
import { IN_A_WORKER, nodeOnly } from './node-only.js';

throw nodeOnly(
  "'@cutx/db/testing' (embedded databases, worker threads, the file system)",
  `start and reset the database from the vitest config or globalSetup, which run in Node; ${IN_A_WORKER}`,
);
