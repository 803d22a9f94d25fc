import type { Row } from '../../../src/rows/tables.js';
import { vocabularies } from '../../../src/rows/vocabularies.js';
import type { PersonaHandle } from '../../personas.js';
import type { Brand } from './catalog-names.js';
import type { Timeline } from './timeline.js';

type Tier = (typeof vocabularies.subscriptions.tier)[number];
type SubscriptionStatus = (typeof vocabularies.subscriptions.status)[number];

/** How much of each area one user of the `dev` scenario gets. */
export interface Profile {
  readonly magicLinks: number;
  /** Credit packs bought; a user with jobs always has one, so no job can overdraw. */
  readonly purchases: number;
  readonly adminGrant: boolean;
  /** Spends the signup credits with an adjustment, leaving a balance of 0. */
  readonly spendAll: boolean;
  readonly subscription: { readonly tier: Tier; readonly status: SubscriptionStatus } | null;
  readonly jobs: number;
  readonly projects: number;
  readonly campaigns: number;
  readonly landingPages: number;
  readonly inventory: number;
  readonly shows: number;
  readonly payouts: number;
  readonly competitors: number;
}

/** A user the scenario made, with what it is to own. */
export interface Member {
  readonly user: Row<'users'>;
  readonly profile: Profile;
  readonly time: Timeline;
  /** What the user sells: their projects, products, jobs and campaigns are about it. */
  readonly brand: Brand;
}

const nothing: Profile = {
  magicLinks: 0,
  purchases: 0,
  adminGrant: false,
  spendAll: false,
  subscription: null,
  jobs: 0,
  projects: 0,
  campaigns: 0,
  landingPages: 0,
  inventory: 0,
  shows: 0,
  payouts: 0,
  competitors: 0,
};

/** What each persona owns; the seller's inventory is most of the search corpus. */
export const personaProfiles: Readonly<Record<PersonaHandle, Profile>> = {
  owner: {
    ...nothing,
    magicLinks: 3,
    purchases: 3,
    subscription: { tier: 'enterprise', status: 'active' },
    jobs: 20,
    projects: 3,
    campaigns: 6,
    landingPages: 3,
    inventory: 60,
    shows: 4,
    payouts: 3,
    competitors: 6,
  },
  admin: { ...nothing, magicLinks: 2, purchases: 1, jobs: 5, projects: 1, landingPages: 1 },
  seller: {
    ...nothing,
    magicLinks: 2,
    purchases: 2,
    subscription: { tier: 'business', status: 'active' },
    jobs: 10,
    projects: 1,
    landingPages: 2,
    inventory: 240,
    shows: 8,
    payouts: 6,
    competitors: 12,
  },
  advertiser: {
    ...nothing,
    magicLinks: 1,
    purchases: 2,
    subscription: { tier: 'pro', status: 'active' },
    jobs: 15,
    projects: 2,
    campaigns: 9,
    landingPages: 3,
  },
  suspended: {
    ...nothing,
    magicLinks: 1,
    purchases: 1,
    subscription: { tier: 'starter', status: 'past_due' },
    jobs: 4,
    landingPages: 1,
  },
  banned: { ...nothing, purchases: 1, subscription: { tier: 'pro', status: 'canceled' }, jobs: 3 },
  zeroCredits: { ...nothing, magicLinks: 1, spendAll: true },
  newcomer: nothing,
};

/** The status of regular user `i`: mostly active, some suspended or banned. */
export function regularStatus(i: number): Row<'users'>['status'] {
  if (i % 12 === 5) return 'suspended';
  if (i % 20 === 7) return 'banned';
  return 'active';
}

// One user in this many generates four times the usual jobs: the few very active users.
const HEAVY_EVERY = 13;

/**
 * What regular user `i` owns: a mix that cycles through every subscription tier and state,
 * with a third of users selling live, a quarter advertising and a few very active ones.
 */
export function regularProfile(i: number): Profile {
  const buys = i % 5 !== 4;
  const seller = i % 3 === 0;
  const { tier, status } = vocabularies.subscriptions;
  return {
    magicLinks: 1 + (i % 2),
    purchases: buys ? 1 + (i % 2) : 0,
    adminGrant: i % 7 === 3,
    spendAll: false,
    subscription:
      i % 3 === 0
        ? null
        : { tier: tier[i % tier.length] as Tier, status: status[i % status.length] as SubscriptionStatus },
    jobs: buys ? (4 + (i % 3)) * (i % HEAVY_EVERY === 0 ? 4 : 1) : 0,
    projects: i % 2 === 0 ? 1 : 0,
    campaigns: i % 4 === 1 ? 3 : 0,
    landingPages: 1 + (i % 3 === 0 ? 1 : 0),
    inventory: seller ? 25 : 0,
    shows: seller ? 3 : 0,
    payouts: seller ? 2 : 0,
    competitors: seller ? 4 : 0,
  };
}
