import type { Faker } from '@faker-js/faker';
import { MINUTE, SECOND } from '../../../factories/time.js';
import type { Row } from '../../../src/rows/tables.js';
import { type Brand, catalogProduct } from './catalog-names.js';

type JobType = Row<'generation_jobs'>['type'];

/** What one job type costs, how long it runs, how often and why it fails. */
interface JobKind {
  readonly type: JobType;
  /** Share of all jobs, out of 100. */
  readonly share: number;
  readonly credits: number;
  readonly runMs: readonly [number, number];
  /** One job of this type in this many fails. */
  readonly failEvery: number;
  readonly failures: readonly (readonly [code: string, message: string])[];
}

const KINDS: readonly JobKind[] = [
  {
    type: 'copy',
    share: 32,
    credits: 1,
    runMs: [3 * SECOND, 14 * SECOND],
    failEvery: 14,
    failures: [
      ['content_policy', 'The brief mentions a medical claim the model will not write.'],
      ['provider_timeout', 'The text model did not answer within 60 seconds.'],
    ],
  },
  {
    type: 'static_ad',
    share: 26,
    credits: 2,
    runMs: [15 * SECOND, 70 * SECOND],
    failEvery: 9,
    failures: [
      ['content_policy', 'The prompt was flagged by the image provider.'],
      ['invalid_input', 'The product image URL returned 404.'],
      ['provider_error', 'The image provider returned HTTP 503.'],
    ],
  },
  {
    type: 'product_photo',
    share: 20,
    credits: 3,
    runMs: [20 * SECOND, 2 * MINUTE],
    failEvery: 8,
    failures: [
      ['invalid_input', 'The source image is smaller than 512 x 512 pixels.'],
      ['background_removal_failed', 'No product could be separated from the background.'],
    ],
  },
  {
    type: 'ugc_video',
    share: 12,
    credits: 10,
    runMs: [2 * MINUTE, 9 * MINUTE],
    failEvery: 5,
    failures: [
      ['provider_timeout', 'The video render took longer than 15 minutes and was stopped.'],
      ['avatar_unavailable', 'The chosen avatar was retired by the provider.'],
      ['script_too_long', 'The script runs past the requested duration.'],
    ],
  },
  {
    type: 'tts',
    share: 10,
    credits: 1,
    runMs: [4 * SECOND, 25 * SECOND],
    failEvery: 12,
    failures: [['voice_unavailable', 'The voice is not available in this region.']],
  },
];

const BY_TYPE = new Map(KINDS.map((kind) => [kind.type, kind]));
const kindOf = (type: JobType) => BY_TYPE.get(type) as JobKind;

/** The job types in order. */
export const JOB_TYPES: readonly JobType[] = KINDS.map((kind) => kind.type);

/** A job type drawn with each type's share: copy and static ads most, voice-overs least. */
export function drawJobType(random: Faker): JobType {
  return random.helpers.weightedArrayElement(KINDS.map((kind) => ({ weight: kind.share, value: kind.type })));
}

/** Credits a job of `type` costs. */
export const jobCredits = (type: JobType): number => kindOf(type).credits;

/** How long a job of `type` ran, in milliseconds. */
export function runTime(random: Faker, type: JobType): number {
  const [min, max] = kindOf(type).runMs;
  return random.number.int({ min, max });
}

/** Whether the `n`-th closed job of `type` (0, 1, ...) failed: each type at its own rate. */
export const failsAt = (type: JobType, n: number): boolean => n % kindOf(type).failEvery === kindOf(type).failEvery - 1;

/** Why a job of `type` failed. */
export function failure(random: Faker, type: JobType): { error_code: string; error_message: string } {
  const [code, message] = random.helpers.arrayElement(kindOf(type).failures);
  return { error_code: code, error_message: message };
}

const VOICES = ['voice_nova', 'voice_atlas', 'voice_juniper', 'voice_sol'] as const;
const AVATARS = ['avatar_ava', 'avatar_marcus', 'avatar_lena', 'avatar_kai'] as const;

/** What a job of `type` is asked, about a product of the user's brand. */
export function jobInput(random: Faker, type: JobType, brand: Brand): Row<'generation_jobs'>['input_params'] {
  const product = catalogProduct(random, brand).name;
  const pick = <T>(values: readonly T[]) => random.helpers.arrayElement(values);
  switch (type) {
    case 'copy':
      return {
        product_name: product,
        tone: pick(['casual', 'professional', 'playful', 'urgent'] as const),
        channel: pick(['ad', 'email', 'landing_page', 'social'] as const),
        max_words: pick([40, 80, 120, 200]),
      };
    case 'static_ad':
      return {
        prompt: `${product} on a ${pick(['marble counter', 'linen backdrop', 'sunlit windowsill', 'gym bench'])}, ${pick(['soft morning light', 'studio lighting', 'golden hour'])}`,
        aspect_ratio: pick(['1:1', '4:5', '9:16'] as const),
        headline: pick(['New season, new favourites', 'Made to be used daily', 'Your new go-to']),
      };
    case 'ugc_video':
      return {
        script: `I have tried everything, but ${product} from ${brand.name} is the first one I actually reorder.`,
        avatar_id: pick(AVATARS),
        duration_seconds: pick([15, 30, 45, 60]),
        aspect_ratio: '9:16',
      };
    case 'tts':
      return { text: `Meet ${product} from ${brand.name}.`, voice_id: pick(VOICES), speed: pick([0.9, 1, 1.1]) };
    case 'product_photo':
      return {
        source_image_url: `https://cdn.cutx.dev/uploads/${random.string.alphanumeric({ length: 12, casing: 'lower' })}.jpg`,
        background: pick(['white', 'marble', 'lifestyle kitchen', 'pastel gradient']),
        count: pick([1, 2, 4]),
      };
  }
}

/** What the provider reported for a finished job of `type` that ran `ms`. */
export function jobOutput(random: Faker, type: JobType, ms: number): Record<string, string | number> {
  switch (type) {
    case 'copy':
      return { model: 'cutx-copy-v3', duration_ms: ms, tokens: random.number.int({ min: 90, max: 420 }) };
    case 'ugc_video':
      return { model: 'cutx-ugc-v2', duration_ms: ms, width: 1080, height: 1920 };
    case 'tts':
      return { model: 'cutx-tts-v2', duration_ms: ms };
    default:
      return { model: `cutx-${type.replace('_', '-')}-v2`, duration_ms: ms, width: 1080, height: 1350 };
  }
}
