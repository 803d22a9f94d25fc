import fc from 'fast-check';
import { g } from './column-generators.js';
import { defineFactory } from './define-factory.js';
import { ownedByUser } from './parents.js';
import { brandName, productDescription, productName } from './words.js';

const currencies = ['USD', 'EUR', 'GBP'] as const;

/** Projects. */
export const projects = defineFactory({
  table: 'projects',
  parents: [ownedByUser],
  gens: {
    name: g.text((faker) => `${faker.commerce.department()} launch`),
    description: g.orNull(g.words(4, 10, 500)),
    archived_at: g.sometimes(g.instant()),
  },
  traits: {},
});

/** Products; a product makes its project (and that project's user) when not given. */
export const products = defineFactory({
  table: 'products',
  parents: [{ key: 'project', column: 'project_id', table: 'projects' }],
  gens: {
    name: g.text(productName, 300),
    description: g.orNull(g.text(productDescription, 1000)),
    source_url: g.orNull(g.unique((seq) => `https://shop.example.com/products/${seq}`)),
    sku: g.orNull(g.unique((seq) => `PRD-${seq}`)),
    price_cents: g.orNull(g.int8(100, 100_000)),
    currency: g.defaultOf('USD', currencies),
    attributes: g.custom(
      (faker) => ({ brand: brandName(faker), color: faker.color.human() }),
      () =>
        fc.dictionary(fc.stringMatching(/^[a-z]{1,10}$/), fc.oneof(fc.string(), fc.integer(), fc.boolean()), {
          maxKeys: 4,
        }),
    ),
  },
  traits: {},
});

/** Product images; positions come from the sequence, so they never clash within a product. */
export const productImages = defineFactory({
  table: 'product_images',
  parents: [{ key: 'product', column: 'product_id', table: 'products' }],
  gens: {
    url: g.unique((seq) => `https://cdn.cutx.dev/images/${seq}.jpg`),
    alt_text: g.orNull(g.words(2, 6)),
    position: g.unique((seq) => seq),
    width: g.orNull(g.int(200, 4000)),
    height: g.orNull(g.int(200, 4000)),
  },
  traits: {},
});
