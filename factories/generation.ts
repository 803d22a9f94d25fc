import fc from 'fast-check';
import type { Row } from '../src/rows/tables.js';
import { vocabularies } from '../src/rows/vocabularies.js';
import { g } from './column-generators.js';
import { defineFactory } from './define-factory.js';
import { ownedByUser } from './parents.js';
import { after, SECOND } from './time.js';
import { valueTraits } from './traits.js';

type JobType = (typeof vocabularies.generation_jobs.type)[number];

/** What each job type is asked, deterministic from the row (arbitraries vary the rest). */
function inputParamsFor(type: JobType, key: string) {
  switch (type) {
    case 'copy':
      return {
        type,
        input_params: { product_name: `Product ${key}`, tone: 'casual', channel: 'ad', max_words: 80 },
      } as const;
    case 'static_ad':
      return { type, input_params: { prompt: `Studio shot of product ${key}`, aspect_ratio: '1:1' } } as const;
    case 'ugc_video':
      return {
        type,
        input_params: {
          script: `Unboxing ${key}`,
          avatar_id: 'avatar_ava',
          duration_seconds: 30,
          aspect_ratio: '9:16',
        },
      } as const;
    case 'tts':
      return { type, input_params: { text: `Meet product ${key}`, voice_id: 'voice_nova', speed: 1 } } as const;
    case 'product_photo':
      return {
        type,
        input_params: { source_image_url: `https://cdn.cutx.dev/uploads/${key}.jpg`, background: 'white', count: 4 },
      } as const;
  }
}

const OUTPUT = {
  copy: { asset: 'copy', mime: 'text/plain', ext: 'txt' },
  static_ad: { asset: 'image', mime: 'image/png', ext: 'png' },
  ugc_video: { asset: 'video', mime: 'video/mp4', ext: 'mp4' },
  tts: { asset: 'audio', mime: 'audio/mpeg', ext: 'mp3' },
  product_photo: { asset: 'image', mime: 'image/png', ext: 'png' },
} as const;

/**
 * Generation jobs, pending by default; traits for every status. completed() also makes the
 * job's asset, failed() records an error.
 *
 * credits_cost defaults to 0: the debit trigger charges a job when it is inserted, and a
 * user starts with 25 credits, so any positive default would make `createList(30, { user })`
 * overdraw and fail for reasons the test did not ask about. Tests of charging set
 * credits_cost themselves.
 */
export const generationJobs = defineFactory({
  table: 'generation_jobs',
  parents: [ownedByUser],
  gens: {
    type: g.pick(vocabularies.generation_jobs.type),
    status: g.defaultOf('pending', vocabularies.generation_jobs.status),
    idempotency_key: g.unique((seq) => `job-${seq}`),
    credits_cost: g.custom(
      () => 0,
      () => g.int(0, 25).arbitrary,
    ),
  },
  derive: (row) => {
    const created = row.created_at ?? new Date(0);
    const open = row.status === 'pending' || row.status === 'processing';
    return {
      ...inputParamsFor(row.type, row.idempotency_key),
      replicate_prediction_id: row.status === 'pending' ? null : `pred_${row.idempotency_key}`,
      attempts: row.status === 'pending' ? 0 : 1,
      started_at: row.status === 'pending' ? null : after(created, SECOND),
      completed_at: open ? null : after(created, 30 * SECOND),
      output_url:
        row.status === 'completed' ? `https://cdn.cutx.dev/jobs/${row.id}/output.${OUTPUT[row.type].ext}` : null,
      output_metadata: row.status === 'completed' ? { model: `cutx-${row.type}-v1`, duration_ms: 29_000 } : null,
      error_code: row.status === 'failed' ? 'provider_error' : null,
      error_message: row.status === 'failed' ? 'The provider rejected the input' : null,
    };
  },
  traits: {
    ...valueTraits<'generation_jobs', ['pending', 'processing', 'failed']>('status', [
      'pending',
      'processing',
      'failed',
    ]),
    completed: () => ({
      gens: { status: g.constant('completed' as const) },
      after: async (jobs: Row<'generation_jobs'>[], f) => {
        await f.assets.createEach(
          jobs.map((job) => ({
            job,
            type: OUTPUT[job.type].asset,
            url: job.output_url,
            mime_type: OUTPUT[job.type].mime,
          })),
        );
        return undefined;
      },
    }),
  },
});

/** Job outputs; the type fixes a matching mime type and dimensions or duration. */
export const assets = defineFactory({
  table: 'assets',
  parents: [{ key: 'job', column: 'job_id', table: 'generation_jobs' }],
  gens: {
    type: g.defaultOf('image', vocabularies.assets.type),
    url: g.unique((seq) => `https://cdn.cutx.dev/assets/${seq}`),
    size_bytes: g.orNull(g.int8(1_000, 50_000_000)),
    metadata: g.custom(
      (faker) => ({ model: 'cutx-v1', seed: faker.number.int(1_000_000) }),
      () => fc.constant({}),
    ),
  },
  derive: (row) => {
    const visual = row.type === 'image' || row.type === 'video';
    const timed = row.type === 'video' || row.type === 'audio';
    const mime = { image: 'image/png', video: 'video/mp4', copy: 'text/plain', audio: 'audio/mpeg' }[row.type];
    return {
      mime_type: mime,
      width: visual ? 1080 : null,
      height: visual ? 1350 : null,
      duration_ms: timed ? 30_000 : null,
    };
  },
  traits: {},
});
