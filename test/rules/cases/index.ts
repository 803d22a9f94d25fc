import type { Attack } from '../support/attack.js';
import { checksOfFoundation } from './0001_foundation.js';
import { checksOfIdentity } from './0002_identity.js';
import { checksOfGeneration } from './0003_generation.js';
import { checksOfBilling } from './0004_billing.js';
import { checksOfCatalog } from './0005_catalog.js';
import { checksOfAds } from './0006_ads.js';
import { checksOfPublishing } from './0007_publishing.js';
import { checksOfLiveSelling } from './0008_live_selling.js';
import { checksOfAdmin } from './0009_admin.js';
import { foreignKeys } from './foreign-keys.js';
import { uniqueKeys } from './unique-keys.js';

/** The table-driven attacks, by title: the CHECKs of each schema file, then the keys. */
export const attackGroups: Record<string, readonly Attack[]> = {
  'CHECKs of 0001_foundation (the currency domain), at their boundaries': checksOfFoundation,
  'CHECKs of 0002_identity, at their boundaries': checksOfIdentity,
  'CHECKs of 0003_generation, at their boundaries': checksOfGeneration,
  'CHECKs of 0004_billing, at their boundaries': checksOfBilling,
  'CHECKs of 0005_catalog, at their boundaries': checksOfCatalog,
  'CHECKs of 0006_ads, at their boundaries': checksOfAds,
  'CHECKs of 0007_publishing, at their boundaries': checksOfPublishing,
  'CHECKs of 0008_live_selling, at their boundaries': checksOfLiveSelling,
  'CHECKs of 0009_admin, at their boundaries': checksOfAdmin,
  'unique keys, each repeated beside rows that differ in one key column': uniqueKeys,
  'foreign keys, each pointed at a missing row beside an existing one': foreignKeys,
};

/** Every table-driven attack. */
export const allAttacks: readonly Attack[] = Object.values(attackGroups).flat();
