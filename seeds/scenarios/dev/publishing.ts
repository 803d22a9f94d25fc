import { MINUTE } from '../../../factories/time.js';
import type { ScenarioContext } from '../../scenario.js';
import { catalogProduct, landingText } from './catalog-names.js';
import { type Cohort, cycle } from './cohort.js';
import { whileAround } from './timeline.js';

const STATUS_MIX = ['published', 'draft', 'published', 'archived'] as const;

/** Landing pages for a product of each member's brand, mostly published. */
export async function createLandingPages({ f, random }: ScenarioContext, cohort: Cohort): Promise<void> {
  let n = 0;
  await f.landingPages.createEach(
    cohort.members.flatMap((member) =>
      Array.from({ length: member.profile.landingPages }, () => {
        const at = new Date(whileAround(random, member.time));
        const status = cycle(STATUS_MIX, n++);
        return {
          user: member.user,
          status,
          // Published ten minutes after it was made, while its maker was still around.
          published_at: status === 'draft' ? null : new Date(at.getTime() + 10 * MINUTE),
          ...landingText(random, member.brand.name, catalogProduct(random, member.brand)),
          created_at: at,
          updated_at: at,
        };
      }),
    ),
  );
}
