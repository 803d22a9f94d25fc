// What workerd resolves '@cutx/db/seeds' to: it needs Node, so loading it fails at once
// with an error that says what to use instead, rather than deep inside a Node built-in.
import { IN_A_WORKER, nodeOnly } from './node-only.js';

throw nodeOnly(
  "'@cutx/db/seeds' (seeding and exports to files)",
  `seed from Node (npx cutx-db seed, or seedDatabase in globalSetup); ${IN_A_WORKER}`,
);
