import fc from 'fast-check';
import { vocabularies } from '../src/rows/vocabularies.js';
import { g } from './column-generators.js';
import { defineFactory } from './define-factory.js';
import { ownedByUser } from './parents.js';
import { after, MINUTE } from './time.js';
import { valueTraits } from './traits.js';

// A real argon2id PHC string (of the password "password"): passes the format CHECK and a verifier.
const PASSWORD_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$kXKp0X0ekR1bd3Ed2b0c1xg9Sf3zBNeyZhf9Jd8ZZ5E';

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'user';

/** Users; traits admin(), owner(), suspended(), banned(). */
export const users = defineFactory({
  table: 'users',
  parents: [],
  gens: {
    // "+seq.tag" makes every address unique; the name only makes it readable.
    email: g.unique(
      (seq, ctx) => `${slug(ctx?.faker.person.firstName() ?? 'user')}+${seq}.${ctx?.tag ?? 0}@example.com`,
    ),
    password_hash: g.orNull(
      g.custom(
        () => PASSWORD_HASH,
        () => fc.constantFrom(PASSWORD_HASH, '$2b$12$abcdefghijklmnopqrstuv'),
      ),
    ),
    github_id: g.sometimes(g.unique((seq) => seq + 1)),
    display_name: g.orNull(g.text((faker) => faker.person.fullName())),
    avatar_url: g.orNull(g.unique((seq) => `https://avatars.example.com/u/${seq}.png`)),
    role: g.defaultOf('user', vocabularies.users.role),
    status: g.defaultOf('active', vocabularies.users.status),
    stripe_customer_id: g.orNull(g.unique((seq, ctx) => `cus_test_${ctx?.tag ?? 0}_${seq}`)),
    last_login_at: g.sometimes(g.instant()),
  },
  // Factory users have verified their address five minutes after signing up.
  derive: (row) => ({ email_verified_at: after(row.created_at ?? new Date(0), 5 * MINUTE) }),
  traits: {
    ...valueTraits<'users', ['admin', 'owner']>('role', ['admin', 'owner']),
    ...valueTraits<'users', ['suspended', 'banned']>('status', ['suspended', 'banned']),
  },
});

/** Login tokens, valid for fifteen minutes from creation. */
export const magicLinkTokens = defineFactory({
  table: 'magic_link_tokens',
  parents: [ownedByUser],
  gens: {
    token_hash: g.sha256(),
    requested_ip: g.orNull(g.ipv4()),
    consumed_at: g.sometimes(g.instant()),
  },
  derive: (row) => {
    const created = row.created_at ?? new Date();
    return {
      expires_at: after(created, 15 * MINUTE),
      ...(row.consumed_at ? { consumed_at: after(created, MINUTE) } : {}),
    };
  },
  traits: {},
});
