// What workerd resolves '@cutx/db/workers' to: the config helper starts servers, so it runs in
// Node (vitest.config.ts); the per-test reset it installs reaches workerd by its own path.
import { IN_A_WORKER, nodeOnly } from './node-only.js';

throw nodeOnly(
  "'@cutx/db/workers' (the vitest config helper: database servers, child processes)",
  `call cutxDbWorkers in vitest.config.ts, which runs in Node; ${IN_A_WORKER}`,
);
