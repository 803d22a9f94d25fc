import { z } from 'zod';
import { c, createdAt, id, updatedAt } from '../column.js';
import { defineTable, type TableDef } from '../define-table.js';
import { assetMetadata, inputParams, outputMetadata } from '../json.js';
import { vocabularies } from '../vocabularies.js';

const jobs = defineTable('generation_jobs', {
  id: id(),
  user_id: c.uuid(),
  type: c.oneOf(vocabularies.generation_jobs.type),
  status: c.oneOf(vocabularies.generation_jobs.status).defaulted(),
  // Typed per job type below; the catalog sees one jsonb column.
  input_params: c.jsonb(z.union(Object.values(inputParams))).defaulted(),
  output_url: c.text().nullable(),
  output_metadata: c.jsonb(outputMetadata).nullable(),
  replicate_prediction_id: c.text().nullable(),
  idempotency_key: c.text({ min: 1, max: 255 }),
  credits_cost: c.integer({ min: 0 }).defaulted(),
  error_code: c.text().nullable(),
  error_message: c.text().nullable(),
  attempts: c.integer({ min: 0 }).defaulted(),
  started_at: c.timestamptz().nullable(),
  completed_at: c.timestamptz().nullable(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

// input_params is required on insert: the column's '{}' default is no valid input for any
// job type, so a job always says what it was asked to make.
// Generic over the shape, not over the two schemas: a parameter constrained to their union
// would type every row as the union of both, with `id` and defaulted columns optional.
function byJobType<Shape extends z.ZodRawShape>(base: z.ZodObject<Shape>) {
  return z.discriminatedUnion('type', [
    base.extend({ type: z.literal('copy'), input_params: inputParams.copy }),
    base.extend({ type: z.literal('static_ad'), input_params: inputParams.static_ad }),
    base.extend({ type: z.literal('ugc_video'), input_params: inputParams.ugc_video }),
    base.extend({ type: z.literal('tts'), input_params: inputParams.tts }),
    base.extend({ type: z.literal('product_photo'), input_params: inputParams.product_photo }),
  ]);
}

/** `generation_jobs`: AI jobs; rows are a union discriminated by `type`, which fixes `input_params`. */
export const generationJobs = {
  ...jobs,
  row: byJobType(jobs.row),
  insert: byJobType(jobs.insert),
} satisfies TableDef;

/** `assets`: what a job produced. */
export const assets = defineTable('assets', {
  id: id(),
  job_id: c.uuid(),
  type: c.oneOf(vocabularies.assets.type),
  url: c.text(),
  mime_type: c.text({ regex: /^[a-z]+\/[a-z0-9.+-]+$/ }),
  width: c.integer({ min: 1 }).nullable(),
  height: c.integer({ min: 1 }).nullable(),
  duration_ms: c.integer({ min: 1 }).nullable(),
  size_bytes: c.bigint({ min: 0 }).nullable(),
  metadata: c.jsonb(assetMetadata).defaulted(),
  created_at: createdAt(),
});
