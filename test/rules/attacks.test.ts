import { attackGroups } from './cases/index.js';
import { testAttacks } from './support/test-attacks.js';

// The table-driven attacks, in one file so that the base rows are made once.
testAttacks(attackGroups);
