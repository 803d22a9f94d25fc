import { c, createdAt, id, updatedAt } from '../column.js';
import { defineTable } from '../define-table.js';
import { vocabularies } from '../vocabularies.js';

/** `users`: accounts. */
export const users = defineTable('users', {
  id: id(),
  email: c.text({ max: 320, regex: /^[^@\s]+@[^@\s]+$/ }),
  password_hash: c.text({ regex: /^\$[a-z0-9-]+\$/ }).nullable(),
  github_id: c.bigint({ min: 1 }).nullable(),
  display_name: c.text({ max: 200 }).nullable(),
  avatar_url: c.text().nullable(),
  role: c.oneOf(vocabularies.users.role).defaulted(),
  status: c.oneOf(vocabularies.users.status).defaulted(),
  stripe_customer_id: c.text().nullable(),
  email_verified_at: c.timestamptz().nullable(),
  last_login_at: c.timestamptz().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** `magic_link_tokens`: login links, stored as the SHA-256 of the mailed token. */
export const magicLinkTokens = defineTable('magic_link_tokens', {
  id: id(),
  user_id: c.uuid(),
  token_hash: c.bytea(32),
  requested_ip: c.inet().nullable(),
  expires_at: c.timestamptz(),
  consumed_at: c.timestamptz().nullable(),
  created_at: createdAt(),
});
