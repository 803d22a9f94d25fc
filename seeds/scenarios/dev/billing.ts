import type { Faker } from '@faker-js/faker';
import { DAY, HOUR, MINUTE } from '../../../factories/time.js';
import { SIGNUP_CREDITS } from '../../../src/rows/signup-credits.js';
import type { Row } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import type { Cohort } from './cohort.js';
import type { LedgerEvent } from './ledger-event.js';
import type { Member } from './profile.js';
import { between, busyInstant, busyInstants } from './rhythm.js';

const CREDIT_PACKS = [100, 250, 500, 1000] as const;
const PERIOD = 30 * DAY;
const TRIAL = 14 * DAY;

// A subscription in these states has been paid for, so each of its periods granted credits.
const PAID_STATES = new Set(['trialing', 'active', 'past_due']);

/** The first credit pack: soon after signup, and always before the user's first job. */
export function firstPurchaseAt(random: Faker, member: Member): number {
  const { signup, lastSeen } = member.time;
  return signup + Math.min(between(random, 10 * MINUTE, 6 * HOUR), (lastSeen - signup) / 10);
}

/**
 * Subscriptions, started soon after signup (a trial within its last fourteen days), each
 * in the period the anchor falls in (a canceled one in the period it was canceled in).
 */
export async function createSubscriptions(
  { f, random, asOf }: ScenarioContext,
  cohort: Cohort,
): Promise<Map<string, Row<'subscriptions'>>> {
  const anchor = asOf.getTime();
  const rows = await f.subscriptions.createEach(
    cohort.members.flatMap(({ user, profile, time }) => {
      if (profile.subscription === null) return [];
      const { status } = profile.subscription;
      const soon = Math.min(time.signup + between(random, HOUR, 3 * DAY), anchor - 2 * HOUR);
      const start =
        status === 'trialing' ? Math.max(time.signup + HOUR, anchor - between(random, DAY, 12 * DAY)) : soon;
      const canceled = status === 'canceled' ? busyInstant(random, start + HOUR, anchor - MINUTE) : null;
      const current = start + Math.floor(((canceled ?? anchor) - start) / PERIOD) * PERIOD;
      return [
        {
          user,
          ...profile.subscription,
          created_at: new Date(start),
          updated_at: new Date(canceled ?? current),
          current_period_start: new Date(current),
          current_period_end: new Date(current + PERIOD),
          canceled_at: canceled === null ? null : new Date(canceled),
          trial_ends_at: status === 'trialing' ? new Date(start + TRIAL) : null,
        },
      ];
    }),
  );
  return new Map(rows.map((row) => [row.user_id, row]));
}

/**
 * A member's credit movements other than jobs: packs bought over their time (the first
 * soon after signup), the plan's credits at the start of every paid period, an admin's
 * goodwill grant, and the adjustment that empties the zero-credits user.
 */
export function creditEvents(
  random: Faker,
  member: Member,
  subscription: Row<'subscriptions'> | undefined,
  anchor: number,
): LedgerEvent[] {
  const { user, profile, time } = member;
  const events: LedgerEvent[] = [];
  if (profile.purchases > 0) {
    const first = firstPurchaseAt(random, member);
    for (const at of [first, ...busyInstants(random, profile.purchases - 1, first + HOUR, time.lastSeen)]) {
      const amount = random.helpers.arrayElement(CREDIT_PACKS);
      events.push({ at, credit: { user_id: user.id, kind: 'purchase', amount, description: `${amount} credit pack` } });
    }
  }
  if (subscription !== undefined && PAID_STATES.has(subscription.status)) {
    const start = subscription.created_at.getTime();
    const periods = subscription.status === 'trialing' ? 1 : Math.floor((anchor - start) / PERIOD) + 1;
    for (let k = 0; k < periods && start + k * PERIOD + MINUTE < anchor; k += 1) {
      events.push({
        at: start + k * PERIOD + MINUTE,
        credit: {
          user_id: user.id,
          kind: 'subscription_grant',
          amount: subscription.monthly_credits,
          description: `${subscription.tier} plan credits`,
        },
      });
    }
  }
  if (profile.adminGrant) {
    events.push({
      at: busyInstant(random, (time.signup + time.lastSeen) / 2, time.lastSeen),
      credit: { user_id: user.id, kind: 'admin_grant', amount: 50, description: 'Goodwill credits' },
    });
  }
  if (profile.spendAll) {
    events.push({
      at: time.lastSeen - HOUR,
      credit: { user_id: user.id, kind: 'adjustment', amount: -SIGNUP_CREDITS, description: 'Signup credits used' },
    });
  }
  return events;
}
