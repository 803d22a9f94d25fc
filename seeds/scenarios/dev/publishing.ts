import type { ScenarioContext } from '../../scenario.js';
import { type Cohort, cycle, perMember } from './cohort.js';

const STATUS_MIX = ['published', 'draft', 'published', 'archived'] as const;

/** Landing pages, mostly published. */
export async function createLandingPages({ f }: ScenarioContext, cohort: Cohort): Promise<void> {
  let n = 0;
  await f.landingPages.createEach(
    perMember(
      cohort.members,
      (p) => p.landingPages,
      ({ user }) => ({ user, status: cycle(STATUS_MIX, n++) }),
    ),
  );
}
