import { type Attack, attackCheck, attackCheckEach } from '../support/attack.js';
import { INSTANT, text } from '../support/values.js';

// The CHECKs of schema/0003_generation.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfGeneration: Attack[] = [
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
    { status: 'completed', output_url: 'https://x.test/o', completed_at: INSTANT },
    { status: 'completed', output_url: null, completed_at: INSTANT },
    { status: 'completed', output_url: 'https://x.test/o', completed_at: null },
  ),
  attackCheck(
    'generation_jobs_failed_has_error',
    'generation_jobs',
    { status: 'failed', error_message: 'e', completed_at: INSTANT },
    { status: 'failed', error_message: null, completed_at: INSTANT },
    { status: 'failed', error_message: 'e', completed_at: null },
  ),
  attackCheck(
    'generation_jobs_open_not_completed',
    'generation_jobs',
    { status: 'processing', completed_at: null },
    { status: 'processing', completed_at: INSTANT },
    { status: 'pending', completed_at: INSTANT },
  ),
  attackCheck('assets_type_check', 'assets', { type: 'audio' }, { type: 'text' }),
  attackCheck('assets_mime_type_format', 'assets', { mime_type: 'a/b' }, { mime_type: 'A/b' }, { mime_type: 'a/' }),
  attackCheck('assets_width_positive', 'assets', { width: 1 }, { width: 0 }),
  attackCheck('assets_height_positive', 'assets', { height: 1 }, { height: 0 }),
  attackCheck('assets_duration_positive', 'assets', { duration_ms: 1 }, { duration_ms: 0 }),
  attackCheck('assets_size_nonnegative', 'assets', { size_bytes: 0 }, { size_bytes: -1 }),
  attackCheck('assets_metadata_object', 'assets', { metadata: {} }, { metadata: [] }, { metadata: 'x' }),
  // The other side of each implication, and the anchors: a row only the branch decides.
  attackCheck(
    'generation_jobs_completed_has_output',
    'generation_jobs',
    { status: 'pending', output_url: null, completed_at: null },
    { status: 'completed', output_url: null, completed_at: null },
  ),
  attackCheck(
    'generation_jobs_failed_has_error',
    'generation_jobs',
    { status: 'pending', error_message: null, completed_at: null },
    { status: 'failed', error_message: null, completed_at: null },
  ),
  attackCheck(
    'generation_jobs_open_not_completed',
    'generation_jobs',
    { status: 'completed', output_url: 'https://x.test/o', completed_at: INSTANT },
    { status: 'pending', completed_at: INSTANT },
  ),
  attackCheck('assets_mime_type_format', 'assets', { mime_type: 'a/b' }, { mime_type: '1a/b' }, { mime_type: 'a/b c' }),
  // Every value each list admits, so that dropping one is noticed.
  attackCheckEach('assets_type_check', 'assets', 'type', ['image', 'video', 'copy', 'audio']),
  attackCheckEach(
    'generation_jobs_status_check',
    'generation_jobs',
    'status',
    ['pending', 'processing', 'completed', 'failed'],
    (status) =>
      ['pending', 'processing'].includes(status)
        ? { completed_at: null }
        : { completed_at: INSTANT, output_url: 'https://x.test/o', error_message: 'e' },
  ),
  attackCheckEach('generation_jobs_type_check', 'generation_jobs', 'type', [
    'copy',
    'static_ad',
    'ugc_video',
    'tts',
    'product_photo',
  ]),
];
