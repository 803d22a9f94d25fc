import { type Attack, attackCheck, attackCheckEach } from '../support/attack.js';
import { INSTANT, text } from '../support/values.js';

// The CHECKs of schema/0007_publishing.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfPublishing: Attack[] = [
  // A DNS label: 3 to 63 characters, lower-case letters, digits and inner hyphens.
  attackCheck(
    'landing_pages_subdomain_format',
    'landing_pages',
    { subdomain: 'a-0' },
    { subdomain: 'ab' },
    { subdomain: '-ab' },
    { subdomain: 'ab-' },
    { subdomain: 'aBc' },
  ),
  attackCheck(
    'landing_pages_subdomain_format',
    'landing_pages',
    { subdomain: text(63, 'a') },
    {
      subdomain: text(64, 'a'),
    },
  ),
  attackCheck('landing_pages_title_length', 'landing_pages', { title: text(200) }, { title: text(201) }, { title: '' }),
  attackCheck('landing_pages_status_check', 'landing_pages', { status: 'archived' }, { status: 'deleted' }),
  attackCheck('landing_pages_content_object', 'landing_pages', { content: {} }, { content: [] }),
  attackCheck(
    'landing_pages_published_has_time',
    'landing_pages',
    { status: 'published', published_at: INSTANT },
    { status: 'published', published_at: null },
  ),
  // The other side of each implication, and the anchors: a row only the branch decides.
  attackCheck('landing_pages_title_length', 'landing_pages', { title: 't' }, { title: '' }),
  attackCheck(
    'landing_pages_published_has_time',
    'landing_pages',
    { status: 'draft', published_at: null },
    { status: 'published', published_at: null },
  ),
  // Every value each list admits, so that dropping one is noticed.
  attackCheckEach('landing_pages_status_check', 'landing_pages', 'status', ['draft', 'published', 'archived'], () => ({
    published_at: INSTANT,
  })),
];
