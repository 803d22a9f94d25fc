/**
 * Each function of the schema: whether it runs as its owner (SECURITY DEFINER), the settings
 * it fixes (a trigger function's search_path, which keeps a client's temporary tables out
 * of its way), and whether PUBLIC may execute it (CREATE TRIGGER needs that, so trigger
 * functions are revoked). A deliberate second copy, kept by hand:
 * catalog-definitions.test.ts holds the catalog equal to it.
 */
export interface ExpectedFunction {
  securityDefiner: boolean;
  config: string;
  publicExecute: boolean;
}

export const EXPECTED_FUNCTIONS: Record<string, ExpectedFunction> = {
  admin_audit_log_append_only: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: false },
  credit_balances_check_ledger: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: false },
  credit_balances_guard: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: false },
  credit_transactions_append_only: {
    securityDefiner: false,
    config: 'search_path=public, pg_temp',
    publicExecute: false,
  },
  credit_transactions_apply: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: false },
  derived_uuid: { securityDefiner: false, config: '', publicExecute: true },
  generation_jobs_check_transition: {
    securityDefiner: false,
    config: 'search_path=public, pg_temp',
    publicExecute: false,
  },
  generation_jobs_debit_credits: {
    securityDefiner: false,
    config: 'search_path=public, pg_temp',
    publicExecute: false,
  },
  generation_jobs_freeze_cost: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: false },
  set_updated_at: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: false },
  user_is_gone: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: true },
  users_grant_signup_credits: { securityDefiner: false, config: 'search_path=public, pg_temp', publicExecute: false },
};
