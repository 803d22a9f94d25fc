import { c, createdAt, id, updatedAt } from '../column.js';
import { defineTable } from '../define-table.js';
import { vocabularies } from '../vocabularies.js';

/** `credit_balances`: one per user, moved only by the ledger. */
export const creditBalances = defineTable('credit_balances', {
  id: id(),
  user_id: c.uuid(),
  balance: c.integer({ min: 0 }).defaulted(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** `credit_transactions`: the append-only credit ledger. */
export const creditTransactions = defineTable('credit_transactions', {
  id: id(),
  user_id: c.uuid(),
  kind: c.oneOf(vocabularies.credit_transactions.kind),
  amount: c.integer(),
  balance_after: c.integer().defaulted(),
  job_id: c.uuid().nullable(),
  description: c.text().nullable(),
  created_at: createdAt(),
});

/** `subscriptions`: Stripe subscriptions, as their webhooks report them. */
export const subscriptions = defineTable('subscriptions', {
  id: id(),
  user_id: c.uuid(),
  tier: c.oneOf(vocabularies.subscriptions.tier),
  status: c.oneOf(vocabularies.subscriptions.status),
  stripe_customer_id: c.text(),
  stripe_subscription_id: c.text(),
  stripe_price_id: c.text(),
  monthly_credits: c.integer({ min: 0 }),
  current_period_start: c.timestamptz(),
  current_period_end: c.timestamptz(),
  cancel_at_period_end: c.boolean().defaulted(),
  canceled_at: c.timestamptz().nullable(),
  trial_ends_at: c.timestamptz().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});
