-- Billing: the credit ledger and Stripe subscriptions.
--
-- credit_transactions is the ledger and the only way credits move: every insert adjusts
-- credit_balances in the same statement, so balance = sum(amount) holds at every commit
-- (guarantee 2). The CHECK on balance turns an overdraft into an error that rolls the
-- whole statement back, and the row lock the UPDATE takes serialises concurrent movements.

CREATE TABLE credit_balances (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  balance    integer NOT NULL DEFAULT 0 CONSTRAINT credit_balances_balance_nonnegative CHECK (balance >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER credit_balances_updated_at BEFORE UPDATE ON credit_balances
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE credit_transactions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind          text NOT NULL CONSTRAINT credit_transactions_kind_check
                CHECK (kind IN ('signup_bonus', 'purchase', 'subscription_grant', 'admin_grant',
                                'generation', 'refund', 'adjustment')),
  amount        integer NOT NULL,
  -- The balance right after this movement, filled in by the ledger trigger.
  balance_after integer NOT NULL DEFAULT 0,
  -- The ledger outlives the job it paid for: deleting a job must not rewrite history or
  -- break balance = sum(amount), so this reference is SET NULL, not CASCADE.
  job_id        uuid REFERENCES generation_jobs (id) ON DELETE SET NULL,
  description   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT credit_transactions_amount_sign CHECK (
    CASE kind
      WHEN 'generation' THEN amount < 0
      WHEN 'adjustment' THEN amount <> 0
      ELSE amount > 0
    END
  )
);

CREATE INDEX idx_credit_transactions_user ON credit_transactions (user_id, created_at);
CREATE INDEX idx_credit_transactions_job ON credit_transactions (job_id);
-- A job is refunded at most once.
CREATE UNIQUE INDEX idx_credit_transactions_one_refund_per_job
  ON credit_transactions (job_id) WHERE kind = 'refund';

CREATE FUNCTION credit_transactions_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The balance was last touched when this movement happened.
  UPDATE credit_balances
     SET balance = balance + NEW.amount,
         updated_at = greatest(NEW.created_at, updated_at + interval '1 microsecond')
   WHERE user_id = NEW.user_id
  RETURNING balance INTO NEW.balance_after;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'user % has no credit balance', NEW.user_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'credit_transactions_user_id_fkey';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER credit_transactions_apply BEFORE INSERT ON credit_transactions
  FOR EACH ROW EXECUTE FUNCTION credit_transactions_apply();

-- The ledger is append-only: corrections are new movements. Rows go only with their user
-- (cascade), and the one change allowed is the SET NULL of job_id when a job is deleted.
CREATE FUNCTION credit_transactions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF fired_by_referential_action() AND (
       TG_OP = 'DELETE'
       OR (NEW.job_id IS NULL
           AND (NEW.id, NEW.user_id, NEW.kind, NEW.amount, NEW.balance_after, NEW.description, NEW.created_at)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.user_id, OLD.kind, OLD.amount, OLD.balance_after, OLD.description, OLD.created_at))) THEN
    RETURN coalesce(NEW, OLD);
  END IF;
  RAISE EXCEPTION 'credit_transactions is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Record a correction as a new credit_transactions row (kind adjustment or refund).';
END;
$$;

CREATE TRIGGER credit_transactions_append_only BEFORE UPDATE OR DELETE ON credit_transactions
  FOR EACH ROW EXECUTE FUNCTION credit_transactions_append_only();

-- A balance is created by the signup trigger, moved only by the ledger trigger and removed
-- only with its user; anything else would let it drift from sum(amount).
CREATE FUNCTION credit_balances_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF fired_by_referential_action()
     OR (TG_OP = 'UPDATE' AND NEW.balance = OLD.balance AND NEW.user_id = OLD.user_id AND NEW.id = OLD.id) THEN
    RETURN coalesce(NEW, OLD);
  END IF;
  RAISE EXCEPTION 'credit_balances changes only through credit_transactions: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Insert a credit_transactions row (grant, purchase, refund or adjustment) instead.';
END;
$$;

CREATE TRIGGER credit_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON credit_balances
  FOR EACH ROW EXECUTE FUNCTION credit_balances_guard();

-- Guarantee 1: a new user starts with 25 credits, and the ledger records where they came from.
CREATE FUNCTION users_grant_signup_credits() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO credit_balances (id, user_id, balance, created_at, updated_at)
  VALUES (derived_uuid(NEW.id, 'credit_balance'), NEW.id, 0, NEW.created_at, NEW.created_at);
  INSERT INTO credit_transactions (id, user_id, kind, amount, description, created_at)
  VALUES (derived_uuid(NEW.id, 'signup_bonus'), NEW.id, 'signup_bonus', 25, 'Free credits on signup', NEW.created_at);
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_grant_signup_credits AFTER INSERT ON users
  FOR EACH ROW EXECUTE FUNCTION users_grant_signup_credits();

-- A job pays its credits_cost when it is created; without enough credits it is not created.
CREATE FUNCTION generation_jobs_debit_credits() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.credits_cost > 0 THEN
    INSERT INTO credit_transactions (id, user_id, kind, amount, job_id, description, created_at)
    VALUES (derived_uuid(NEW.id, 'generation'), NEW.user_id, 'generation', -NEW.credits_cost, NEW.id,
            'Generation: ' || NEW.type, NEW.created_at);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER generation_jobs_debit_credits AFTER INSERT ON generation_jobs
  FOR EACH ROW EXECUTE FUNCTION generation_jobs_debit_credits();

-- credits_cost is what was charged; changing it later would make the ledger lie.
CREATE FUNCTION generation_jobs_freeze_cost() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'generation job % already paid % credits; credits_cost cannot change', OLD.id, OLD.credits_cost
    USING ERRCODE = 'check_violation', CONSTRAINT = 'generation_jobs_credits_cost_frozen',
          HINT = 'Refund the job with a credit_transactions row of kind refund instead.';
END;
$$;

CREATE TRIGGER generation_jobs_freeze_cost BEFORE UPDATE OF credits_cost ON generation_jobs
  FOR EACH ROW WHEN (NEW.credits_cost IS DISTINCT FROM OLD.credits_cost)
  EXECUTE FUNCTION generation_jobs_freeze_cost();

CREATE TABLE subscriptions (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tier                   text NOT NULL CONSTRAINT subscriptions_tier_check
                         CHECK (tier IN ('starter', 'pro', 'business', 'enterprise')),
  -- Stripe's own subscription states, so webhooks can be stored as they arrive.
  status                 text NOT NULL CONSTRAINT subscriptions_status_check
                         CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'unpaid',
                                           'incomplete', 'incomplete_expired', 'paused')),
  stripe_customer_id     text NOT NULL,
  stripe_subscription_id text NOT NULL UNIQUE,
  stripe_price_id        text NOT NULL,
  monthly_credits        integer NOT NULL CONSTRAINT subscriptions_monthly_credits_nonnegative CHECK (monthly_credits >= 0),
  current_period_start   timestamptz NOT NULL,
  current_period_end     timestamptz NOT NULL,
  cancel_at_period_end   boolean NOT NULL DEFAULT false,
  canceled_at            timestamptz,
  trial_ends_at          timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT subscriptions_period_order CHECK (current_period_end > current_period_start),
  CONSTRAINT subscriptions_canceled_has_time CHECK (status <> 'canceled' OR canceled_at IS NOT NULL)
);

CREATE INDEX idx_subscriptions_user ON subscriptions (user_id);
-- At most one subscription per user that Stripe may still bill.
CREATE UNIQUE INDEX idx_subscriptions_one_live_per_user ON subscriptions (user_id)
  WHERE status IN ('trialing', 'active', 'past_due', 'unpaid', 'paused');

CREATE TRIGGER subscriptions_updated_at BEFORE UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
