import { type Attack, attackCheck } from '../support/attack.js';
import { bytes, T_1, T0, T1, text } from '../support/times.js';

// The CHECKs of identity, generation and billing, each at its boundary: the last value the
// SQL (schema/0002-0004) accepts beside the first it refuses. Expected values are read from
// the SQL and docs/domain.md, not from the catalog.
export const checksOfCore: Attack[] = [
  attackCheck('users_email_format', 'users', { email: `${text(316)}@b.c` }, { email: `${text(317)}@b.c` }),
  attackCheck('users_email_format', 'users', { email: 'a@b' }, { email: '@b' }, { email: 'a@' }, { email: 'a b@c' }),
  attackCheck(
    'users_password_hash_format',
    'users',
    { password_hash: '$2b$' },
    { password_hash: '2b$' },
    {
      password_hash: '$$',
    },
  ),
  attackCheck('users_github_id_positive', 'users', { github_id: 1 }, { github_id: 0 }),
  attackCheck('users_display_name_length', 'users', { display_name: text(200) }, { display_name: text(201) }),
  attackCheck('users_role_check', 'users', { role: 'owner' }, { role: 'Owner' }, { role: 'root' }),
  attackCheck('users_status_check', 'users', { status: 'banned' }, { status: 'deleted' }),
  attackCheck(
    'magic_link_tokens_token_hash_sha256',
    'magic_link_tokens',
    { token_hash: bytes(32) },
    { token_hash: bytes(31) },
    { token_hash: bytes(33) },
  ),
  attackCheck(
    'magic_link_tokens_expiry_after_creation',
    'magic_link_tokens',
    { created_at: T0, expires_at: T1 },
    { created_at: T0, expires_at: T0 },
  ),
  attackCheck('generation_jobs_type_check', 'generation_jobs', { type: 'product_photo' }, { type: 'photo' }),
  attackCheck('generation_jobs_status_check', 'generation_jobs', { status: 'processing' }, { status: 'queued' }),
  attackCheck('generation_jobs_input_params_object', 'generation_jobs', { input_params: {} }, { input_params: [] }),
  attackCheck(
    'generation_jobs_output_metadata_object',
    'generation_jobs',
    { output_metadata: {} },
    { output_metadata: [] },
  ),
  attackCheck(
    'generation_jobs_idempotency_key_length',
    'generation_jobs',
    { idempotency_key: text(255) },
    { idempotency_key: text(256) },
    { idempotency_key: '' },
  ),
  attackCheck(
    'generation_jobs_idempotency_key_length',
    'generation_jobs',
    { idempotency_key: 'k' },
    {
      idempotency_key: '',
    },
  ),
  attackCheck('generation_jobs_credits_cost_nonnegative', 'generation_jobs', { credits_cost: 0 }, { credits_cost: -1 }),
  attackCheck('generation_jobs_attempts_nonnegative', 'generation_jobs', { attempts: 0 }, { attempts: -1 }),
  attackCheck(
    'generation_jobs_completed_has_output',
    'generation_jobs',
    { status: 'completed', output_url: 'https://x.test/o', completed_at: T0 },
    { status: 'completed', output_url: null, completed_at: T0 },
    { status: 'completed', output_url: 'https://x.test/o', completed_at: null },
  ),
  attackCheck(
    'generation_jobs_failed_has_error',
    'generation_jobs',
    { status: 'failed', error_message: 'e', completed_at: T0 },
    { status: 'failed', error_message: null, completed_at: T0 },
    { status: 'failed', error_message: 'e', completed_at: null },
  ),
  attackCheck(
    'generation_jobs_open_not_completed',
    'generation_jobs',
    { status: 'processing', completed_at: null },
    { status: 'processing', completed_at: T0 },
    { status: 'pending', completed_at: T0 },
  ),
  attackCheck('assets_type_check', 'assets', { type: 'audio' }, { type: 'text' }),
  attackCheck('assets_mime_type_format', 'assets', { mime_type: 'a/b' }, { mime_type: 'A/b' }, { mime_type: 'a/' }),
  attackCheck('assets_width_positive', 'assets', { width: 1 }, { width: 0 }),
  attackCheck('assets_height_positive', 'assets', { height: 1 }, { height: 0 }),
  attackCheck('assets_duration_positive', 'assets', { duration_ms: 1 }, { duration_ms: 0 }),
  attackCheck('assets_size_nonnegative', 'assets', { size_bytes: 0 }, { size_bytes: -1 }),
  attackCheck('assets_metadata_object', 'assets', { metadata: {} }, { metadata: [] }, { metadata: 'x' }),
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
    { current_period_start: T0, current_period_end: T1 },
    { current_period_start: T0, current_period_end: T0 },
    { current_period_start: T0, current_period_end: T_1 },
  ),
  attackCheck(
    'subscriptions_canceled_has_time',
    'subscriptions',
    { status: 'canceled', canceled_at: T0 },
    { status: 'canceled', canceled_at: null },
  ),
];
