import { checksOfCommerce } from './cases/checks-commerce.js';
import { checksOfCore } from './cases/checks-core.js';
import { foreignKeys } from './cases/foreign-keys.js';
import { uniqueKeys } from './cases/unique-keys.js';
import { testAttacks } from './support/test-attacks.js';

// The table-driven attacks, in one file so that the base rows are made once.
testAttacks({
  'CHECKs of identity, generation and billing, at their boundaries': checksOfCore,
  'CHECKs of catalog, ads, publishing, live selling and admin, at their boundaries': checksOfCommerce,
  'unique keys, each repeated beside rows that differ in one key column': uniqueKeys,
  'foreign keys, each pointed at a missing row beside an existing one': foreignKeys,
});
