import { type Attack, attackCheck } from '../support/attack.js';

// The CHECKs of schema/0001_foundation.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfFoundation: Attack[] = [
  attackCheck('currency_code_check', 'products', { currency: 'EUR' }, { currency: 'eur' }, { currency: 'EU' }),
];
