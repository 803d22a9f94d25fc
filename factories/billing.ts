import { SIGNUP_CREDITS } from '../src/rows/signup-credits.js';
import { vocabularies } from '../src/rows/vocabularies.js';
import { g } from './column-generators.js';
import { type AnyRow, defineFactory } from './define-factory.js';
import { derivedUuid } from './derived-uuid.js';
import { ownedByUser } from './parents.js';
import { after, DAY } from './time.js';
import { valueTraits } from './traits.js';

/**
 * Balances. The database makes one per user (SIGNUP_CREDITS) and lets only the ledger move it,
 * so `create` makes the user, then moves credits with one 'adjustment' transaction when
 * `balance` asks for another amount, and returns the balance row as read back. Only
 * `balance` and the user can be chosen; the other columns are the trigger's.
 */
export const creditBalances = defineFactory({
  table: 'credit_balances',
  parents: [{ ...ownedByUser, perRow: true }],
  gens: {
    balance: g.custom(
      () => SIGNUP_CREDITS,
      () => g.int(0, 10_000).arbitrary,
    ),
  },
  derive: (row) => ({ id: derivedUuid(row.user_id, 'credit_balance') }),
  traits: {},
  persist: async (rows, f, client) => {
    const userIds = rows.map((row) => row.user_id);
    const read = async () =>
      (await client.query<AnyRow>('SELECT * FROM credit_balances WHERE user_id = ANY($1::uuid[])', [userIds])).rows;
    const current = new Map((await read()).map((row) => [row.user_id, row.balance as number]));
    const moves = rows
      .map((row) => ({ user_id: row.user_id, amount: (row.balance ?? 0) - (current.get(row.user_id) ?? 0) }))
      .filter((move) => move.amount !== 0);
    if (moves.length > 0) {
      await f.credit_transactions.createEach(
        moves.map((move) => ({ ...move, kind: 'adjustment', description: 'Factory balance' })),
      );
    }
    const byUser = new Map((await read()).map((row) => [row.user_id, row]));
    return rows.map((row) => byUser.get(row.user_id));
  },
});

/** Ledger movements; by default a purchase, which can never overdraw. */
export const creditTransactions = defineFactory({
  table: 'credit_transactions',
  parents: [ownedByUser, { key: 'job', column: 'job_id', table: 'generation_jobs', optional: true }],
  gens: {
    kind: g.defaultOf('purchase', vocabularies.credit_transactions.kind),
    amount: g.int(1, 500),
    description: g.orNull(g.words(2, 5)),
  },
  // The sign follows the kind (credit_transactions_amount_sign): spends are negative.
  derive: (row) => ({ amount: row.kind === 'generation' ? -Math.abs(row.amount) : Math.abs(row.amount) }),
  traits: {},
});

const MONTHLY_CREDITS = { starter: 100, pro: 500, business: 2000, enterprise: 10_000 } as const;

/**
 * Subscriptions, one user each (at most one live subscription per user); traits per tier
 * (starter() ... enterprise()) and per Stripe state (trialing() ... paused()).
 */
export const subscriptions = defineFactory({
  table: 'subscriptions',
  parents: [
    {
      ...ownedByUser,
      perRow: true,
      copy: (user: AnyRow) => (user.stripe_customer_id ? { stripe_customer_id: user.stripe_customer_id } : {}),
    },
  ],
  gens: {
    tier: g.defaultOf('pro', vocabularies.subscriptions.tier),
    status: g.defaultOf('active', vocabularies.subscriptions.status),
    stripe_customer_id: g.unique((seq, ctx) => `cus_sub_${ctx?.tag ?? 0}_${seq}`),
    stripe_subscription_id: g.unique((seq, ctx) => `sub_test_${ctx?.tag ?? 0}_${seq}`),
    cancel_at_period_end: g.defaultOf(false, [false, true]),
  },
  derive: (row) => {
    const start = row.created_at ?? new Date(0);
    return {
      stripe_price_id: `price_${row.tier}_monthly`,
      monthly_credits: MONTHLY_CREDITS[row.tier],
      current_period_start: start,
      current_period_end: after(start, 30 * DAY),
      canceled_at: row.status === 'canceled' ? after(start, 10 * DAY) : null,
      trial_ends_at: row.status === 'trialing' ? after(start, 14 * DAY) : null,
    };
  },
  traits: {
    ...valueTraits<'subscriptions', typeof vocabularies.subscriptions.tier>('tier', vocabularies.subscriptions.tier),
    ...valueTraits<'subscriptions', typeof vocabularies.subscriptions.status>(
      'status',
      vocabularies.subscriptions.status,
    ),
  },
});
