import { type Attack, attackCheck, attackCheckEach } from '../support/attack.js';
import { INSTANT, MICROSECOND_AFTER, MICROSECOND_BEFORE } from '../support/values.js';

// The CHECKs of schema/0004_billing.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfBilling: Attack[] = [
  attackCheck(
    'credit_transactions_kind_check',
    'credit_transactions',
    { kind: 'adjustment', job_id: null },
    { kind: 'bonus', job_id: null },
  ),
  // The sign follows the kind: a spend is negative, an adjustment anything but 0, the rest positive.
  attackCheck(
    'credit_transactions_amount_sign',
    'credit_transactions',
    { kind: 'generation', amount: -1 },
    { kind: 'generation', amount: 0 },
  ),
  attackCheck(
    'credit_transactions_amount_sign',
    'credit_transactions',
    { kind: 'adjustment', amount: -1, job_id: null },
    { kind: 'adjustment', amount: 0, job_id: null },
  ),
  ...['signup_bonus', 'purchase', 'subscription_grant', 'admin_grant', 'refund'].map((kind) =>
    attackCheck(
      'credit_transactions_amount_sign',
      'credit_transactions',
      { kind, amount: 1, job_id: null },
      { kind, amount: 0, job_id: null },
    ),
  ),
  attackCheck('subscriptions_tier_check', 'subscriptions', { tier: 'enterprise' }, { tier: 'free' }),
  attackCheck('subscriptions_status_check', 'subscriptions', { status: 'paused' }, { status: 'cancelled' }),
  attackCheck(
    'subscriptions_monthly_credits_nonnegative',
    'subscriptions',
    { monthly_credits: 0 },
    { monthly_credits: -1 },
  ),
  attackCheck(
    'subscriptions_period_order',
    'subscriptions',
    { current_period_start: INSTANT, current_period_end: MICROSECOND_AFTER },
    { current_period_start: INSTANT, current_period_end: INSTANT },
    { current_period_start: INSTANT, current_period_end: MICROSECOND_BEFORE },
  ),
  attackCheck(
    'subscriptions_canceled_has_time',
    'subscriptions',
    { status: 'canceled', canceled_at: INSTANT },
    { status: 'canceled', canceled_at: null },
  ),
  // The other side of each implication, and the anchors: a row only the branch decides.
  attackCheck(
    'credit_transactions_amount_sign',
    'credit_transactions',
    { kind: 'adjustment', amount: 1, job_id: null },
    { kind: 'adjustment', amount: 0, job_id: null },
  ),
  attackCheck(
    'subscriptions_canceled_has_time',
    'subscriptions',
    { status: 'active', canceled_at: null },
    { status: 'canceled', canceled_at: null },
  ),
  // Every value each list admits, so that dropping one is noticed.
  attackCheckEach(
    'credit_transactions_kind_check',
    'credit_transactions',
    'kind',
    ['signup_bonus', 'purchase', 'subscription_grant', 'admin_grant', 'generation', 'refund', 'adjustment'],
    (kind) => ({ amount: kind === 'generation' ? -1 : 1, job_id: null }),
  ),
  attackCheckEach(
    'subscriptions_status_check',
    'subscriptions',
    'status',
    ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'],
    () => ({ canceled_at: INSTANT }),
  ),
  attackCheckEach('subscriptions_tier_check', 'subscriptions', 'tier', ['starter', 'pro', 'business', 'enterprise']),
];
