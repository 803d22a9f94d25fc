import { SIGNUP_CREDITS } from '../../../src/rows/signup-credits.js';
import type { ScenarioContext } from '../../scenario.js';
import { type Cohort, perMember } from './cohort.js';

const CREDIT_PACKS = [100, 250, 500, 1000] as const;

// A subscription in these states has been paid for this period, so its credits were granted.
const PAID_STATES = new Set(['trialing', 'active', 'past_due']);

/**
 * Subscriptions and the ledger's grants: credit packs, plan credits, admin goodwill, and the
 * adjustment that empties the zero-credits user. Runs before generation, so jobs are paid
 * from credits already granted.
 */
export async function createBilling({ f, random }: ScenarioContext, cohort: Cohort): Promise<void> {
  const subscriptions = await f.subscriptions.createEach(
    cohort.members.flatMap(({ user, profile }) => (profile.subscription ? [{ user, ...profile.subscription }] : [])),
  );
  await f.creditTransactions.createEach([
    ...perMember(
      cohort.members,
      (p) => p.purchases,
      ({ user }) => ({
        user,
        kind: 'purchase' as const,
        amount: random.helpers.arrayElement(CREDIT_PACKS),
        description: 'Credit pack',
      }),
    ),
    ...subscriptions
      .filter((subscription) => PAID_STATES.has(subscription.status))
      .map((subscription) => ({
        user_id: subscription.user_id,
        kind: 'subscription_grant' as const,
        amount: subscription.monthly_credits,
        description: `${subscription.tier} plan credits`,
      })),
    ...perMember(
      cohort.members,
      (p) => (p.adminGrant ? 1 : 0),
      ({ user }) => ({ user, kind: 'admin_grant' as const, amount: 50, description: 'Goodwill credits' }),
    ),
    ...perMember(
      cohort.members,
      (p) => (p.spendAll ? 1 : 0),
      ({ user }) => ({
        user,
        kind: 'adjustment' as const,
        amount: -SIGNUP_CREDITS,
        description: 'Signup credits used',
      }),
    ),
  ]);
}
