import type { Faker } from '@faker-js/faker';
import { DAY, HOUR, MINUTE } from '../../../factories/time.js';
import type { Row } from '../../../src/rows/tables.js';
import type { PersonaHandle } from '../../personas.js';
import { between, busyInstant } from './rhythm.js';

/** Days of history the `dev` scenario spans, ending at its anchor. */
export const WINDOW_DAYS = 180;

/** When a user was around: signed up, and last seen (logged in); both at or before the anchor. */
export interface Timeline {
  readonly signup: number;
  readonly lastSeen: number;
  /** Still using the product at the anchor (seen in its last few days). */
  readonly active: boolean;
}

// Launches that brought a wave of signups, in days before the anchor.
const BURSTS = [150, 96, 38] as const;
const BURST_SHARE = 0.15;
const CHURN_SHARE = 0.22;
// Everyone was last seen at least this long before the anchor, so what follows a visit
// (an image uploaded minutes after its product) still happens before it.
const LAST_SEEN_BEFORE = 30 * MINUTE;
// Nobody's whole life in the product is shorter than this, so a purchase can precede a job.
const SHORTEST_SPAN = 2 * HOUR;

/** Days before the anchor each persona signed up and was last seen (at least LAST_SEEN_BEFORE). */
const PERSONA_DAYS: Readonly<Record<PersonaHandle, readonly [signup: number, lastSeen: number]>> = {
  owner: [WINDOW_DAYS, 0.03],
  admin: [WINDOW_DAYS - 1, 0.05],
  seller: [150, 0.025],
  advertiser: [120, 0.1],
  suspended: [90, 12],
  banned: [75, 31],
  zeroCredits: [20, 2],
  newcomer: [0.1, 0.08],
};

/** A persona's fixed timeline: the same at every seed. */
export function personaTimeline(handle: PersonaHandle, anchor: number): Timeline {
  const [signup, lastSeen] = PERSONA_DAYS[handle];
  return { signup: anchor - signup * DAY, lastSeen: anchor - lastSeen * DAY, active: lastSeen < 3 };
}

/**
 * A regular user's timeline: signups grow toward the anchor with waves after launches, on
 * weekdays more than weekends; about a fifth stop coming back within weeks, and suspended
 * or banned users were last seen when staff acted.
 */
export function regularTimeline(random: Faker, status: Row<'users'>['status'], anchor: number): Timeline {
  const burst = random.number.float({ min: 0, max: 1 }) < BURST_SHARE;
  const days = burst
    ? random.helpers.arrayElement(BURSTS) - random.number.float({ min: 0, max: 2 })
    : WINDOW_DAYS * random.number.float({ min: 0, max: 1 }) ** 1.6;
  const around = anchor - days * DAY;
  const signup = Math.min(busyInstant(random, around - 12 * HOUR, around + 12 * HOUR), anchor - 3 * SHORTEST_SPAN);
  const latest = anchor - LAST_SEEN_BEFORE;
  const churned = status !== 'active' || random.number.float({ min: 0, max: 1 }) < CHURN_SHARE;
  const lastSeen = churned
    ? Math.min(signup + between(random, 0.5 * DAY, 45 * DAY), latest)
    : busyInstant(random, Math.max(signup + SHORTEST_SPAN, anchor - 4 * DAY), latest);
  return { signup, lastSeen: Math.max(lastSeen, signup + SHORTEST_SPAN), active: !churned };
}

/** A busy instant while the user was around: from `from` (default their signup) to when last seen. */
export function whileAround(random: Faker, time: Timeline, from: number = time.signup): number {
  return busyInstant(random, Math.min(from, time.lastSeen), time.lastSeen);
}
