import type { ScenarioContext } from '../../scenario.js';
import { type Cohort, perMember } from './cohort.js';

const PRODUCTS_PER_PROJECT = 4;
const IMAGES_PER_PRODUCT = 3;

/** Projects, each with products, each with images at positions 0, 1, 2. */
export async function createCatalog({ f }: ScenarioContext, cohort: Cohort): Promise<void> {
  const projects = await f.projects.createEach(
    perMember(
      cohort.members,
      (p) => p.projects,
      ({ user }) => ({ user }),
    ),
  );
  const products = await f.products.createEach(
    projects.flatMap((project) => Array.from({ length: PRODUCTS_PER_PROJECT }, () => ({ project }))),
  );
  await f.productImages.createEach(
    products.flatMap((product) => Array.from({ length: IMAGES_PER_PRODUCT }, (_, position) => ({ product, position }))),
  );
}
