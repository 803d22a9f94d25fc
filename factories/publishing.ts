import fc from 'fast-check';
import { vocabularies } from '../src/rows/vocabularies.js';
import { g } from './column-generators.js';
import { defineFactory } from './define-factory.js';
import { ownedByUser } from './parents.js';
import { after, HOUR } from './time.js';
import { valueTraits } from './traits.js';
import { productName } from './words.js';

const block = () =>
  fc.oneof(
    fc.record({ type: fc.constant('hero' as const), headline: fc.string({ minLength: 1, maxLength: 40 }) }),
    fc.record({ type: fc.constant('text' as const), body: fc.string({ maxLength: 200 }) }),
    fc.record({
      type: fc.constant('cta' as const),
      label: fc.string({ minLength: 1, maxLength: 20 }),
      url: fc.webUrl(),
    }),
    fc.record({ type: fc.constant('product' as const), product_id: fc.uuid() }),
  );

/** Landing pages, drafts by default; traits per status (published() sets published_at). */
export const landingPages = defineFactory({
  table: 'landing_pages',
  parents: [ownedByUser],
  gens: {
    // "<word>-<seq>-<tag>": a valid DNS label, unique by its suffix.
    subdomain: g.unique(
      (seq, ctx) =>
        `${
          (ctx?.faker.word.noun() ?? 'page')
            .toLowerCase()
            .replace(/[^a-z0-9]/g, '')
            .slice(0, 30) || 'page'
        }-${seq}-${ctx?.tag ?? 0}`,
    ),
    custom_domain: g.sometimes(g.unique((seq, ctx) => `shop${seq}-${ctx?.tag ?? 0}.example.com`)),
    title: g.text(productName),
    status: g.defaultOf('draft', vocabularies.landing_pages.status),
    content: g.custom(
      (faker) => ({
        blocks: [
          { type: 'hero' as const, headline: faker.company.catchPhrase() },
          { type: 'text' as const, body: faker.lorem.paragraph() },
          { type: 'cta' as const, label: 'Shop now', url: 'https://shop.example.com' },
        ],
      }),
      () => fc.record({ blocks: fc.array(block(), { maxLength: 4 }) }),
    ),
  },
  derive: (row) => ({
    published_at: row.status === 'draft' ? null : after(row.created_at ?? new Date(0), HOUR),
  }),
  traits: valueTraits<'landing_pages', typeof vocabularies.landing_pages.status>(
    'status',
    vocabularies.landing_pages.status,
  ),
});
