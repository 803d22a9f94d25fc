import { c, createdAt, id, updatedAt } from '../column.js';
import { defineTable } from '../define-table.js';
import { landingContent } from '../json.js';
import { vocabularies } from '../vocabularies.js';

/** `landing_pages`: pages served on `<subdomain>.cutx.page`. */
export const landingPages = defineTable('landing_pages', {
  id: id(),
  user_id: c.uuid(),
  subdomain: c.text({ regex: /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/ }),
  custom_domain: c.text().nullable(),
  title: c.text({ min: 1, max: 200 }),
  status: c.oneOf(vocabularies.landing_pages.status).defaulted(),
  content: c.jsonb(landingContent).defaulted(),
  published_at: c.timestamptz().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});
