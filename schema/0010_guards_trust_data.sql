-- Security: the ledger and audit guards decide from the data, never from how deep a
-- trigger runs.
--
-- 0004 and 0009 let a change through whenever pg_trigger_depth() > 1, reading that as "a
-- foreign key's action". But a client can nest code of its own: a role with only DML
-- grants (and TEMP, which PUBLIC has by default) puts a trigger whose function lives in
-- pg_temp on a temporary table, inserts a row, and runs anything from inside it at depth 2.
-- That way it could set a balance to 1,000,000, delete ledger rows and null audit actors.
-- Depth, session settings (set_config) and the calling role are all things such a client
-- controls, so none of them can prove where a change came from. What it cannot fake is the
-- data itself, so the rules below ask the data:
--
-- * A ledger row or a balance may be deleted only when its user no longer exists. The
--   ON DELETE CASCADE from users runs after the user's row is gone (and sees it gone), and
--   nothing else can reach such a row: the foreign keys are not deferrable, so no row of a
--   missing user outlives the statement that removed the user, whose cascade would delete
--   it anyway.
-- * A ledger row's job_id may be nulled only when that job no longer exists, and an audit
--   entry's actor_id only when that actor no longer exists: the ON DELETE SET NULL paths,
--   and nothing else.
-- * A balance must equal the sum of its user's ledger at commit (guarantee 2, checked where
--   it is stated). The ledger trigger moves the balance before its row is in the table, so
--   no check inside that statement could tell it from a forged move; a deferred constraint
--   trigger checks every balance written in the transaction once all of its statements are
--   done. A client cannot skip it: constraint triggers fire at COMMIT whatever SET
--   CONSTRAINTS says (IMMEDIATE only fires them earlier, which fails the client's own
--   ledger inserts), and turning triggers off (session_replication_role, ALTER TABLE)
--   takes a superuser or the table's owner.
--
-- Every trigger function also runs with a fixed search_path that searches pg_temp last.
-- Otherwise the temporary schema is searched first for table names, and a client's
-- temporary table called credit_balances would take the ledger trigger's update, leaving
-- the real balance unmoved while the ledger changed. And no trigger function is executable
-- by PUBLIC: firing a trigger needs no EXECUTE privilege, but CREATE TRIGGER does, so a
-- client cannot attach, say, the ledger trigger to a temporary table of its own to move a
-- balance with no ledger row. (Trigger functions cannot be called directly.)

-- Adding the commit check locks credit_balances against writes: wait for it briefly, then
-- give up rather than queue the services' writes behind this file.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '5min';

-- The one-line rule the guards below share, named so each reads as what it checks.
CREATE FUNCTION user_is_gone(uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp
AS $$ SELECT NOT EXISTS (SELECT FROM users WHERE id = $1) $$;

CREATE OR REPLACE FUNCTION credit_transactions_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' AND user_is_gone(OLD.user_id) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.job_id IS NOT NULL AND NEW.job_id IS NULL
     AND (NEW.id, NEW.user_id, NEW.kind, NEW.amount, NEW.balance_after, NEW.description, NEW.created_at)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.user_id, OLD.kind, OLD.amount, OLD.balance_after, OLD.description, OLD.created_at)
     AND NOT EXISTS (SELECT FROM generation_jobs WHERE id = OLD.job_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'credit_transactions is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Record a correction as a new credit_transactions row (kind adjustment or refund).';
END;
$$;

-- Written balances are checked at commit (below); this guard refuses at once what can only
-- be wrong: a client's own statement writing a balance, and a balance changing owner or
-- id. pg_trigger_depth() = 1 (a trigger fired straight by the client's statement) serves
-- only that early, clearer refusal; nothing relies on depth > 1 meaning anything.
CREATE OR REPLACE FUNCTION credit_balances_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF user_is_gone(OLD.user_id) THEN
      RETURN OLD;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF pg_trigger_depth() > 1 THEN
      RETURN NEW;
    END IF;
  ELSIF (NEW.id, NEW.user_id) = (OLD.id, OLD.user_id) AND (NEW.balance = OLD.balance OR pg_trigger_depth() > 1) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'credit_balances changes only through credit_transactions: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Insert a credit_transactions row (grant, purchase, refund or adjustment) instead.';
END;
$$;

-- Runs at commit for every balance row written in the transaction, and reads the row as it
-- is then. A row written several times (one ledger insert each) is summed once: every write
-- moves updated_at strictly forward (set_updated_at), so an event whose row has moved on
-- was superseded by a later write in this transaction, whose own event checks the final
-- balance. (No other transaction can write the row meanwhile: this one holds its lock.)
-- The sum reads all of the user's ledger rows, once per transaction that moves them.
CREATE FUNCTION credit_balances_check_ledger() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  balance_now integer;
  updated_now timestamptz;
  ledger_sum bigint;
BEGIN
  SELECT balance, updated_at INTO balance_now, updated_now FROM credit_balances WHERE id = NEW.id;
  IF NOT FOUND OR updated_now <> NEW.updated_at THEN
    RETURN NULL; -- deleted since, with its user, or written again since
  END IF;
  SELECT coalesce(sum(amount), 0) INTO ledger_sum FROM credit_transactions WHERE user_id = NEW.user_id;
  IF balance_now <> ledger_sum THEN
    RAISE EXCEPTION 'credit balance of user % is % but its ledger sums to %', NEW.user_id, balance_now, ledger_sum
      USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_balances_matches_ledger',
            HINT = 'Move balances only by inserting credit_transactions rows, and leave this check deferred.';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER credit_balances_matches_ledger AFTER INSERT OR UPDATE ON credit_balances
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION credit_balances_check_ledger();

CREATE OR REPLACE FUNCTION admin_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
     AND (NEW.id, NEW.actor_email, NEW.action, NEW.target_type, NEW.target_id, NEW.details, NEW.ip_address, NEW.created_at)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.actor_email, OLD.action, OLD.target_type, OLD.target_id, OLD.details, OLD.ip_address, OLD.created_at)
     AND user_is_gone(OLD.actor_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'admin_audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit entries are never changed; record a new entry instead.';
END;
$$;

-- Nothing uses it any more, and its name promised what depth cannot tell. No service calls
-- it: it only ever served the guards above.
-- cutx:contract drop function fired_by_referential_action()
DROP FUNCTION fired_by_referential_action();

ALTER FUNCTION set_updated_at() SET search_path = public, pg_temp;
ALTER FUNCTION credit_transactions_apply() SET search_path = public, pg_temp;
ALTER FUNCTION users_grant_signup_credits() SET search_path = public, pg_temp;
ALTER FUNCTION generation_jobs_debit_credits() SET search_path = public, pg_temp;
ALTER FUNCTION generation_jobs_freeze_cost() SET search_path = public, pg_temp;
ALTER FUNCTION generation_jobs_check_transition() SET search_path = public, pg_temp;

REVOKE EXECUTE ON FUNCTION
  set_updated_at(), credit_transactions_apply(), credit_transactions_append_only(), credit_balances_guard(),
  credit_balances_check_ledger(), users_grant_signup_credits(), generation_jobs_debit_credits(),
  generation_jobs_freeze_cost(), generation_jobs_check_transition(), admin_audit_log_append_only()
  FROM PUBLIC;
