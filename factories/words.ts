import type { Faker } from '@faker-js/faker';

/**
 * A product name like faker's `commerce.productName()`, built from its parts: the same
 * kind of text at a tenth of the cost (productName parses a template on every call, which
 * dominated createList's time).
 */
export function productName(faker: Faker): string {
  return `${faker.commerce.productAdjective()} ${faker.commerce.productMaterial()} ${faker.commerce.product()}`;
}
