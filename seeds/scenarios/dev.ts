import type { Scenario, ScenarioContext, ScenarioStep } from '../scenario.js';
import { createAuditLog } from './dev/admin.js';
import { createAds } from './dev/ads.js';
import { createCatalog } from './dev/catalog.js';
import type { Cohort } from './dev/cohort.js';
import { createLedger } from './dev/ledger.js';
import { createLiveSelling } from './dev/live-selling.js';
import { createMagicLinks, createPersonas, createRegularUsers } from './dev/people.js';
import { createLandingPages } from './dev/publishing.js';
import { scenarioDescriptions } from './names.js';

/** Regular users per unit of scale, besides the personas. */
export const USERS_PER_SCALE = 40;
// Users filled in per pass: bounds each bulk statement (analytics reach ~25k rows) and
// gives the progress bar steps to count at large scales.
const COHORT_SIZE = 400;

type Area = (context: ScenarioContext, cohort: Cohort) => Promise<void>;

// In this order: jobs come before the campaigns
// that use their assets, inventory sales before the payouts that record them.
const AREAS: readonly [string, Area][] = [
  ['login links', createMagicLinks],
  ['credits and jobs', createLedger],
  ['catalog', createCatalog],
  ['ads', createAds],
  ['landing pages', createLandingPages],
  ['live selling', createLiveSelling],
  ['audit log', createAuditLog],
];

/**
 * `dev`: a realistic workspace over the six months before the seed's anchor. The personas
 * (owner, admin, seller, advertiser, suspended, banned, zeroCredits, newcomer) and 40 ×
 * scale regular users who sign up over those months (more toward the anchor, on weekdays,
 * in waves after launches), log in, buy credits, subscribe, run jobs, build catalogs,
 * campaigns with daily analytics, landing pages, inventory, shows and payouts; some stop
 * coming back, a few are very active. About 4,300 rows at scale 1 and 30,000 at scale 10.
 */
export const dev: Scenario = {
  name: 'dev',
  description: scenarioDescriptions.dev,
  plan(scale) {
    const cohort: Cohort = { members: [], staff: undefined };
    const fill = (what: string) =>
      AREAS.map(
        ([label, area]): ScenarioStep => ({ label: `${what}: ${label}`, run: (context) => area(context, cohort) }),
      );
    const steps: ScenarioStep[] = [
      { label: 'personas', run: (context) => createPersonas(context, cohort) },
      ...fill('personas'),
    ];
    const total = USERS_PER_SCALE * scale;
    for (let from = 0; from < total; from += COHORT_SIZE) {
      const count = Math.min(COHORT_SIZE, total - from);
      const what = `users ${from + 1}-${from + count}`;
      steps.push({ label: what, run: (context) => createRegularUsers(context, cohort, from, count) }, ...fill(what));
    }
    return steps;
  },
};
