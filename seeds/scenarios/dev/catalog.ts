import { DAY, MINUTE } from '../../../factories/time.js';
import type { ScenarioContext } from '../../scenario.js';
import { catalogProduct, projectText } from './catalog-names.js';
import type { Cohort } from './cohort.js';
import type { Member } from './profile.js';
import { whileAround } from './timeline.js';

const PRODUCTS_PER_PROJECT = 4;
const IMAGE_VIEWS = ['front', 'side', 'in use'] as const;

/**
 * Projects named for each member's brand and season, each with products of its line
 * (added over the following week), each with a front, side and in-use image.
 */
export async function createCatalog({ f, random }: ScenarioContext, cohort: Cohort): Promise<void> {
  const owners: Member[] = [];
  const projects = await f.projects.createEach(
    cohort.members.flatMap((member) =>
      Array.from({ length: member.profile.projects }, () => {
        owners.push(member);
        const at = new Date(whileAround(random, member.time));
        return { user: member.user, ...projectText(random, member.brand), created_at: at };
      }),
    ),
  );
  const products = await f.products.createEach(
    projects.flatMap((project, i) => {
      const member = owners[i] as Member;
      const from = project.created_at.getTime();
      return Array.from({ length: PRODUCTS_PER_PROJECT }, () => {
        const product = catalogProduct(random, member.brand);
        const at = new Date(Math.min(whileAround(random, member.time, from), from + 7 * DAY));
        return {
          project,
          name: product.name,
          description: product.description,
          price_cents: String(product.priceCents),
          attributes: product.attributes,
          created_at: at,
          updated_at: at,
        };
      });
    }),
  );
  await f.productImages.createEach(
    products.flatMap((product) =>
      IMAGE_VIEWS.map((view, position) => ({
        product,
        position,
        alt_text: `${product.name}, ${view}`,
        created_at: new Date(product.created_at.getTime() + (position + 1) * MINUTE),
      })),
    ),
  );
}
