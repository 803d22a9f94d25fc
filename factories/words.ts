import type { Faker } from '@faker-js/faker';

/**
 * A product name like faker's `commerce.productName()`, built from its parts: the same
 * kind of text at a tenth of the cost (productName parses a template on every call, which
 * dominated createList's time).
 */
export function productName(faker: Faker): string {
  return `${faker.commerce.productAdjective()} ${faker.commerce.productMaterial()} ${faker.commerce.product()}`;
}

/**
 * A product description like faker's `commerce.productDescription()`, from the same parts:
 * that helper expands a template on every call, which dominated building a product.
 */
export function productDescription(faker: Faker): string {
  const adjective = faker.commerce.productAdjective();
  const product = faker.commerce.product().toLowerCase();
  const material = faker.commerce.productMaterial().toLowerCase();
  return `${adjective} ${product} made with ${material} for ${faker.word.adjective()} everyday use`;
}

const COMPANY_FORMS = ['and Sons', 'Group', 'Inc', 'LLC'] as const;

/** A brand like faker's `company.name()` ("Kuhn LLC"), without its template expansion. */
export function brandName(faker: Faker): string {
  return `${faker.person.lastName()} ${faker.helpers.arrayElement(COMPANY_FORMS)}`;
}
