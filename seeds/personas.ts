/**
 * The named users every seed has, whatever its seed or scale: fixed ids and addresses, so
 * other services' tests can refer to them (`personas.suspended.id`). Scenarios decide what
 * else each one owns; the export writes their resulting balances beside these facts.
 */
export const personas = {
  /** The workspace's owner: every product area in use, an enterprise subscription. */
  owner: {
    id: '0c0ffee0-0000-4000-8000-000000000001',
    email: 'owner@example.com',
    displayName: 'Olivia Owner',
    role: 'owner',
    status: 'active',
  },
  /** Staff with admin rights; the actor of most audit entries. */
  admin: {
    id: '0c0ffee0-0000-4000-8000-000000000002',
    email: 'admin@example.com',
    displayName: 'Adam Admin',
    role: 'admin',
    status: 'active',
  },
  /** A live seller: hundreds of inventory items (search them), shows and payout imports. */
  seller: {
    id: '0c0ffee0-0000-4000-8000-000000000003',
    email: 'seller@example.com',
    displayName: 'Sam Seller',
    role: 'user',
    status: 'active',
  },
  /** Runs campaigns on every ad platform, with 90 days of analytics each. */
  advertiser: {
    id: '0c0ffee0-0000-4000-8000-000000000004',
    email: 'advertiser@example.com',
    displayName: 'Ava Advertiser',
    role: 'user',
    status: 'active',
  },
  /** Suspended by an admin, with a past-due subscription. */
  suspended: {
    id: '0c0ffee0-0000-4000-8000-000000000005',
    email: 'suspended@example.com',
    displayName: 'Sid Suspended',
    role: 'user',
    status: 'suspended',
  },
  /** Banned by the owner, with a canceled subscription. */
  banned: {
    id: '0c0ffee0-0000-4000-8000-000000000006',
    email: 'banned@example.com',
    displayName: 'Bea Banned',
    role: 'user',
    status: 'banned',
  },
  /** Active, but has spent all 25 signup credits: a balance of exactly 0. */
  zeroCredits: {
    id: '0c0ffee0-0000-4000-8000-000000000007',
    email: 'zero@example.com',
    displayName: 'Zoe Zero',
    role: 'user',
    status: 'active',
  },
  /** Just signed up: the signup credits and nothing else. */
  newcomer: {
    id: '0c0ffee0-0000-4000-8000-000000000008',
    email: 'newcomer@example.com',
    displayName: 'Nico Newcomer',
    role: 'user',
    status: 'active',
  },
} as const;

/** A persona's handle: `'owner'`, `'zeroCredits'`, ... */
export type PersonaHandle = keyof typeof personas;

/** The handles in a fixed order (the order the users are created in). */
export const personaHandles = Object.keys(personas) as PersonaHandle[];
