import { z } from 'zod';

// The shapes of the JSONB columns. The database only checks that each is an object; these
// schemas are the contract between the services that write and read them. They check the
// keys they name and keep any other key as it is (loose objects): the database stores any
// key, so a row read, or written through a factory, never silently loses one.

const aspectRatio = z.enum(['1:1', '4:5', '9:16', '16:9']);

/** `generation_jobs.input_params` for each job type, keyed by `generation_jobs.type`. */
export const inputParams = {
  copy: z.looseObject({
    product_name: z.string().min(1),
    tone: z.enum(['casual', 'professional', 'playful', 'urgent']),
    channel: z.enum(['ad', 'email', 'landing_page', 'social']),
    max_words: z.number().int().positive(),
  }),
  static_ad: z.looseObject({
    prompt: z.string().min(1),
    aspect_ratio: aspectRatio,
    headline: z.string().optional(),
    product_image_url: z.url().optional(),
  }),
  ugc_video: z.looseObject({
    script: z.string().min(1),
    avatar_id: z.string().min(1),
    duration_seconds: z.number().int().min(5).max(180),
    aspect_ratio: aspectRatio,
  }),
  tts: z.looseObject({
    text: z.string().min(1),
    voice_id: z.string().min(1),
    speed: z.number().min(0.5).max(2),
  }),
  product_photo: z.looseObject({
    source_image_url: z.url(),
    background: z.string().min(1),
    count: z.number().int().min(1).max(8),
  }),
} as const;

/** `generation_jobs.output_metadata`: what the provider reported about a finished job. */
export const outputMetadata = z.looseObject({
  model: z.string().min(1),
  duration_ms: z.number().int().nonnegative().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  tokens: z.number().int().nonnegative().optional(),
});

/** `assets.metadata`: how an asset was made. Every key is optional (the default is `{}`). */
export const assetMetadata = z.looseObject({
  model: z.string().optional(),
  prompt: z.string().optional(),
  alt_text: z.string().optional(),
  seed: z.number().int().optional(),
});

/** `products.attributes`: flat product facts (brand, colour, size, ...). */
export const productAttributes = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** One block of a landing page, discriminated by `type`. */
export const landingBlock = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('hero'), headline: z.string().min(1), subheadline: z.string().optional() }),
  z.looseObject({ type: z.literal('text'), body: z.string() }),
  z.looseObject({ type: z.literal('image'), url: z.url(), alt: z.string().optional() }),
  z.looseObject({ type: z.literal('cta'), label: z.string().min(1), url: z.url() }),
  z.looseObject({ type: z.literal('product'), product_id: z.guid() }),
]);

/** `landing_pages.content`: the page's blocks in order (the default is no blocks). */
export const landingContent = z.looseObject({
  blocks: z.array(landingBlock),
  theme: z.looseObject({ primary_color: z.string().regex(/^#[0-9a-f]{6}$/i) }).optional(),
});

/** `admin_audit_log.details`: why the action was taken and what it changed. */
export const auditDetails = z.looseObject({
  reason: z.string().optional(),
  before: z.json().optional(),
  after: z.json().optional(),
  amount: z.number().int().optional(),
});

/**
 * The typed JSONB columns by table: these replace the generic JSON schema the metadata
 * gives. `generation_jobs.input_params` is typed per job type instead (see tables.ts).
 */
export const jsonColumns = {
  generation_jobs: { output_metadata: outputMetadata },
  assets: { metadata: assetMetadata },
  products: { attributes: productAttributes },
  landing_pages: { content: landingContent },
  admin_audit_log: { details: auditDetails },
} as const;
