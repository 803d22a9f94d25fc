/**
 * Single-line bugs of the kind a tired engineer commits, one or more per kind of rule the
 * schema enforces, beside the ones derived from the catalog (catalog-mutants.ts): these
 * edit an existing line, so they reach what a new file cannot (a trigger function's body).
 * `find` must occur exactly once in `file`; `tests` are the test files that should notice
 * (kill) the mutant (run.ts leaves out any freshness or compatibility gate among them).
 * `target` names the rule it breaks the way the tests name it, and `table` the table it
 * changes: mutants with both share a copy with others of other tables (see packing.ts).
 */
export interface Mutant {
  name: string;
  target?: string;
  table?: string;
  file: string;
  find: string;
  replace: string;
  tests: string[];
}

const ATTACKS = 'test/rules/attacks.test.ts';
const LIFECYCLE = 'test/rules/job-lifecycle.test.ts';
const LEDGER = 'test/rules/ledger-guards.test.ts';
const TRIGGERS = 'test/rules/triggers.test.ts';
const CASCADES = 'test/properties/cascades.test.ts';
const CONTRACT = 'test/contract/contract.test.ts';
const NESTED = 'test/security/nested-code.test.ts';
const COMMIT_CHECK = 'test/rules/ledger-commit-check.test.ts';
const TRIGGER_FUNCTIONS = 'test/security/trigger-functions.test.ts';

export const mutants: Mutant[] = [
  {
    name: 'CHECK length bound off by one (inventory name 300 -> 301)',
    target: 'inventory_items_name_length',
    table: 'inventory_items',
    file: '0008_live_selling.sql',
    find: 'CHECK (length(name) BETWEEN 1 AND 300)',
    replace: 'CHECK (length(name) BETWEEN 1 AND 301)',
    tests: [ATTACKS],
  },
  {
    name: 'CHECK lower bound off by one (inventory quantity >= 0 -> >= -1)',
    target: 'inventory_items_quantity_nonnegative',
    table: 'inventory_items',
    file: '0008_live_selling.sql',
    find: 'CHECK (quantity >= 0)',
    replace: 'CHECK (quantity >= -1)',
    tests: [ATTACKS],
  },
  {
    name: 'CHECK range off by one (fee_bps up to 10001)',
    target: 'ad_spend_fees_fee_bps_range',
    table: 'ad_spend_fees',
    file: '0006_ads.sql',
    find: 'CHECK (fee_bps BETWEEN 0 AND 10000)',
    replace: 'CHECK (fee_bps BETWEEN 0 AND 10001)',
    tests: [ATTACKS],
  },
  {
    name: 'CHECK exact length loosened (token_hash = 32 -> >= 32 bytes)',
    target: 'magic_link_tokens_token_hash_sha256',
    table: 'magic_link_tokens',
    file: '0002_identity.sql',
    find: 'CHECK (octet_length(token_hash) = 32)',
    replace: 'CHECK (octet_length(token_hash) >= 32)',
    tests: [ATTACKS],
  },
  {
    name: 'CHECK strict order made loose (expires_at > created_at -> >=)',
    target: 'magic_link_tokens_expiry_after_creation',
    table: 'magic_link_tokens',
    file: '0002_identity.sql',
    find: 'CHECK (expires_at > created_at)',
    replace: 'CHECK (expires_at >= created_at)',
    tests: [ATTACKS],
  },
  {
    name: 'CHECK loose order made strict (shows ended_at >= started_at -> >)',
    target: 'shows_run_order',
    table: 'shows',
    file: '0008_live_selling.sql',
    find: 'CHECK (ended_at >= started_at)',
    replace: 'CHECK (ended_at > started_at)',
    tests: [ATTACKS],
  },
  {
    name: 'CHECK regex widened (subdomain up to 64 characters)',
    target: 'landing_pages_subdomain_format',
    table: 'landing_pages',
    file: '0007_publishing.sql',
    find: "'^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$'",
    replace: "'^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$'",
    tests: [ATTACKS],
  },
  {
    name: 'domain CHECK widened (currency accepts lower case)',
    file: '0001_foundation.sql',
    find: "CHECK (VALUE ~ '^[A-Z]{3}$')",
    replace: "CHECK (VALUE ~ '^[A-Za-z]{3}$')",
    tests: [ATTACKS],
  },
  {
    name: 'payout arithmetic loosened (net <= gross - fees)',
    target: 'payout_line_items_net_is_gross_less_fees',
    table: 'payout_line_items',
    file: '0008_live_selling.sql',
    find: 'CHECK (net_cents = gross_cents - fees_cents)',
    replace: 'CHECK (net_cents <= gross_cents - fees_cents)',
    tests: [ATTACKS],
  },
  {
    name: 'funnel step skipped (conversions <= impressions instead of clicks)',
    target: 'campaign_analytics_funnel',
    table: 'campaign_analytics',
    file: '0006_ads.sql',
    find: 'CHECK (0 <= conversions AND conversions <= clicks AND clicks <= impressions)',
    replace: 'CHECK (0 <= conversions AND conversions <= impressions AND clicks <= impressions)',
    tests: [ATTACKS],
  },
  {
    name: 'status transition allowed (pending -> completed)',
    file: '0003_generation.sql',
    find: "OR (OLD.status = 'pending' AND NEW.status IN ('processing', 'failed'))",
    replace: "OR (OLD.status = 'pending' AND NEW.status IN ('processing', 'failed', 'completed'))",
    tests: [LIFECYCLE],
  },
  {
    name: 'status transition allowed (processing -> pending)',
    file: '0003_generation.sql',
    find: "OR (OLD.status = 'processing' AND NEW.status IN ('completed', 'failed'))",
    replace: "OR (OLD.status = 'processing' AND NEW.status IN ('completed', 'failed', 'pending'))",
    tests: [LIFECYCLE],
  },
  {
    name: 'frozen cost only refuses a raise',
    file: '0004_billing.sql',
    find: 'FOR EACH ROW WHEN (NEW.credits_cost IS DISTINCT FROM OLD.credits_cost)',
    replace: 'FOR EACH ROW WHEN (NEW.credits_cost > OLD.credits_cost)',
    tests: [LIFECYCLE],
  },
  {
    name: 'debit skips a cost of 1',
    file: '0004_billing.sql',
    find: 'IF NEW.credits_cost > 0 THEN',
    replace: 'IF NEW.credits_cost > 1 THEN',
    tests: [LIFECYCLE],
  },
  {
    name: 'debit only for jobs inserted pending',
    file: '0004_billing.sql',
    find: '  FOR EACH ROW EXECUTE FUNCTION generation_jobs_debit_credits();',
    replace: "  FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION generation_jobs_debit_credits();",
    tests: [LIFECYCLE],
  },
  {
    name: 'ledger append-only trigger misses DELETE',
    file: '0004_billing.sql',
    find: 'CREATE TRIGGER credit_transactions_append_only BEFORE UPDATE OR DELETE ON credit_transactions',
    replace: 'CREATE TRIGGER credit_transactions_append_only BEFORE UPDATE ON credit_transactions',
    tests: [LEDGER],
  },
  {
    name: 'balance guard misses INSERT',
    file: '0004_billing.sql',
    find: 'CREATE TRIGGER credit_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON credit_balances',
    replace: 'CREATE TRIGGER credit_balances_guard BEFORE UPDATE OR DELETE ON credit_balances',
    tests: [LEDGER],
  },
  {
    name: 'balance guard lets a balance grow',
    file: '0010_guards_trust_data.sql',
    find: 'AND (NEW.balance = OLD.balance OR pg_trigger_depth() > 1) THEN',
    replace: 'AND (NEW.balance >= OLD.balance OR pg_trigger_depth() > 1) THEN',
    tests: [LEDGER],
  },
  {
    name: 'ledger rows deletable while their user exists',
    file: '0010_guards_trust_data.sql',
    find: "IF TG_OP = 'DELETE' AND user_is_gone(OLD.user_id) THEN",
    replace: "IF TG_OP = 'DELETE' THEN",
    tests: [LEDGER, NESTED],
  },
  {
    name: 'audit actor nulled while the actor exists',
    file: '0010_guards_trust_data.sql',
    find: '     AND user_is_gone(OLD.actor_id) THEN',
    replace: '     THEN',
    tests: [NESTED],
  },
  {
    name: 'commit check skips every balance',
    file: '0010_guards_trust_data.sql',
    find: 'IF NOT FOUND OR updated_now <> NEW.updated_at THEN',
    replace: 'IF NOT FOUND OR updated_now >= NEW.updated_at THEN',
    tests: [COMMIT_CHECK, NESTED],
  },
  {
    name: 'ledger trigger searches pg_temp first',
    file: '0010_guards_trust_data.sql',
    find: 'ALTER FUNCTION credit_transactions_apply() SET search_path = public, pg_temp;',
    replace: 'ALTER FUNCTION credit_transactions_apply() SET search_path = pg_temp, public;',
    tests: [TRIGGER_FUNCTIONS, NESTED],
  },
  {
    name: 'ledger clamps an overdraft to 0 instead of refusing it',
    file: '0004_billing.sql',
    find: '     SET balance = balance + NEW.amount,',
    replace: '     SET balance = greatest(balance + NEW.amount, 0),',
    tests: [LEDGER],
  },
  {
    name: 'signup grants 24 credits',
    file: '0004_billing.sql',
    find: "VALUES (derived_uuid(NEW.id, 'signup_bonus'), NEW.id, 'signup_bonus', 25,",
    replace: "VALUES (derived_uuid(NEW.id, 'signup_bonus'), NEW.id, 'signup_bonus', 24,",
    tests: [TRIGGERS],
  },
  {
    name: 'audit append-only trigger misses DELETE',
    file: '0009_admin.sql',
    find: 'CREATE TRIGGER admin_audit_log_append_only BEFORE UPDATE OR DELETE ON admin_audit_log',
    replace: 'CREATE TRIGGER admin_audit_log_append_only BEFORE UPDATE ON admin_audit_log',
    tests: [TRIGGERS],
  },
  {
    name: 'audit TRUNCATE guard on the wrong operation',
    file: '0009_admin.sql',
    find: 'CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON admin_audit_log',
    replace: 'CREATE TRIGGER admin_audit_log_no_truncate BEFORE UPDATE ON admin_audit_log',
    tests: [TRIGGERS],
  },
  {
    name: 'updated_at trigger fires only on updates of one column (shows.title)',
    file: '0008_live_selling.sql',
    find: 'CREATE TRIGGER shows_updated_at BEFORE UPDATE ON shows',
    replace: 'CREATE TRIGGER shows_updated_at BEFORE UPDATE OF title ON shows',
    tests: [TRIGGERS],
  },
  {
    name: 'unique index made partial (idempotency key, failed jobs excluded)',
    file: '0003_generation.sql',
    find: 'CREATE UNIQUE INDEX idx_jobs_idempotency ON generation_jobs (user_id, idempotency_key);',
    replace:
      "CREATE UNIQUE INDEX idx_jobs_idempotency ON generation_jobs (user_id, idempotency_key) WHERE status <> 'failed';",
    tests: [CONTRACT],
  },
  {
    name: 'partial index predicate loses a live status (paused)',
    file: '0004_billing.sql',
    find: "  WHERE status IN ('trialing', 'active', 'past_due', 'unpaid', 'paused');",
    replace: "  WHERE status IN ('trialing', 'active', 'past_due', 'unpaid');",
    tests: [ATTACKS],
  },
  {
    name: 'partial index predicate widened (one refund or adjustment per job)',
    file: '0004_billing.sql',
    find: "  ON credit_transactions (job_id) WHERE kind = 'refund';",
    replace: "  ON credit_transactions (job_id) WHERE kind IN ('refund', 'adjustment');",
    tests: [ATTACKS],
  },
  {
    name: 'unique index dropped to a plain one (user, sku)',
    file: '0008_live_selling.sql',
    find: 'CREATE UNIQUE INDEX idx_inventory_items_user_sku ON inventory_items (user_id, sku);',
    replace: 'CREATE INDEX idx_inventory_items_user_sku ON inventory_items (user_id, sku);',
    tests: [ATTACKS],
  },
  {
    name: 'unique expression made case-sensitive (custom domain)',
    file: '0007_publishing.sql',
    find: 'CREATE UNIQUE INDEX idx_landing_pages_custom_domain ON landing_pages (lower(custom_domain));',
    replace: 'CREATE UNIQUE INDEX idx_landing_pages_custom_domain ON landing_pages (custom_domain);',
    tests: [ATTACKS],
  },
  {
    name: 'foreign key ON DELETE changed (a fee is deleted with its campaign)',
    file: '0006_ads.sql',
    find: 'campaign_id  uuid REFERENCES campaigns (id) ON DELETE SET NULL,',
    replace: 'campaign_id  uuid REFERENCES campaigns (id) ON DELETE CASCADE,',
    tests: [CASCADES],
  },
  {
    name: 'foreign key ON DELETE changed (a sale is deleted with its item)',
    file: '0008_live_selling.sql',
    find: 'inventory_item_id uuid REFERENCES inventory_items (id) ON DELETE SET NULL,',
    replace: 'inventory_item_id uuid REFERENCES inventory_items (id) ON DELETE CASCADE,',
    tests: [CASCADES],
  },
];
