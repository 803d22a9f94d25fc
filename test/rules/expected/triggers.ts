/**
 * Each trigger as the reviewed schema defines it (pg_get_triggerdef): its timing (BEFORE or
 * AFTER), events, level (ROW or STATEMENT), WHEN clause and function. A deliberate second
 * copy, kept by hand: catalog-definitions.test.ts holds the catalog equal to it.
 */
export const EXPECTED_TRIGGERS: Record<string, string> = {
  ad_platform_connections_updated_at:
    'CREATE TRIGGER ad_platform_connections_updated_at BEFORE UPDATE ON public.ad_platform_connections FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  admin_audit_log_append_only:
    'CREATE TRIGGER admin_audit_log_append_only BEFORE DELETE OR UPDATE ON public.admin_audit_log FOR EACH ROW EXECUTE FUNCTION admin_audit_log_append_only()',
  admin_audit_log_no_truncate:
    'CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON public.admin_audit_log FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_append_only()',
  campaigns_updated_at:
    'CREATE TRIGGER campaigns_updated_at BEFORE UPDATE ON public.campaigns FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  credit_balances_guard:
    'CREATE TRIGGER credit_balances_guard BEFORE INSERT OR DELETE OR UPDATE ON public.credit_balances FOR EACH ROW EXECUTE FUNCTION credit_balances_guard()',
  credit_balances_matches_ledger:
    'CREATE CONSTRAINT TRIGGER credit_balances_matches_ledger AFTER INSERT OR UPDATE ON public.credit_balances DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION credit_balances_check_ledger()',
  credit_balances_updated_at:
    'CREATE TRIGGER credit_balances_updated_at BEFORE UPDATE ON public.credit_balances FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  credit_transactions_append_only:
    'CREATE TRIGGER credit_transactions_append_only BEFORE DELETE OR UPDATE ON public.credit_transactions FOR EACH ROW EXECUTE FUNCTION credit_transactions_append_only()',
  credit_transactions_apply:
    'CREATE TRIGGER credit_transactions_apply BEFORE INSERT ON public.credit_transactions FOR EACH ROW EXECUTE FUNCTION credit_transactions_apply()',
  generation_jobs_debit_credits:
    'CREATE TRIGGER generation_jobs_debit_credits AFTER INSERT ON public.generation_jobs FOR EACH ROW EXECUTE FUNCTION generation_jobs_debit_credits()',
  generation_jobs_freeze_cost:
    'CREATE TRIGGER generation_jobs_freeze_cost BEFORE UPDATE OF credits_cost ON public.generation_jobs FOR EACH ROW WHEN ((new.credits_cost IS DISTINCT FROM old.credits_cost)) EXECUTE FUNCTION generation_jobs_freeze_cost()',
  generation_jobs_status_transition:
    'CREATE TRIGGER generation_jobs_status_transition BEFORE UPDATE OF status ON public.generation_jobs FOR EACH ROW EXECUTE FUNCTION generation_jobs_check_transition()',
  generation_jobs_updated_at:
    'CREATE TRIGGER generation_jobs_updated_at BEFORE UPDATE ON public.generation_jobs FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  inventory_items_updated_at:
    'CREATE TRIGGER inventory_items_updated_at BEFORE UPDATE ON public.inventory_items FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  landing_pages_updated_at:
    'CREATE TRIGGER landing_pages_updated_at BEFORE UPDATE ON public.landing_pages FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  products_updated_at:
    'CREATE TRIGGER products_updated_at BEFORE UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  shows_updated_at:
    'CREATE TRIGGER shows_updated_at BEFORE UPDATE ON public.shows FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  subscriptions_updated_at:
    'CREATE TRIGGER subscriptions_updated_at BEFORE UPDATE ON public.subscriptions FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
  users_grant_signup_credits:
    'CREATE TRIGGER users_grant_signup_credits AFTER INSERT ON public.users FOR EACH ROW EXECUTE FUNCTION users_grant_signup_credits()',
  users_updated_at:
    'CREATE TRIGGER users_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION set_updated_at()',
};
