// What workerd resolves '@cutx/db/server' to: it needs Node, so loading it fails at once
// with an error that says what to use instead, rather than deep inside a Node built-in.
import { IN_A_WORKER, nodeOnly } from './node-only.js';

throw nodeOnly(
  "'@cutx/db/server' (database servers)",
  `start it from Node (globalSetup, or npx cutx-db serve); ${IN_A_WORKER}`,
);
