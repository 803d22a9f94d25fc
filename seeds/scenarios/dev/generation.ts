import type { Faker } from '@faker-js/faker';
import { OUTPUT } from '../../../factories/generation.js';
import { MINUTE, SECOND } from '../../../factories/time.js';
import type { Insert, Row } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import { firstPurchaseAt } from './billing.js';
import { cycle } from './cohort.js';
import { drawJobType, failsAt, failure, JOB_TYPES, jobCredits, jobInput, jobOutput, runTime } from './job-briefs.js';
import type { LedgerEvent, PlannedJob } from './ledger-event.js';
import type { Member } from './profile.js';
import { between, busyInstants } from './rhythm.js';

type JobType = Row<'generation_jobs'>['type'];

// Every closed job has finished (and been refunded) this long before the anchor, so no
// time the scenario records lies after it.
const SETTLED = 40 * MINUTE;
const OPEN_STATUSES = ['pending', 'processing'] as const;

/**
 * Each member's generation jobs over their time, after their first credit pack: types in
 * their shares, a failure rate and run time per type, failed jobs refunded minutes later.
 * Two of three users still active at the anchor have a job queued or running in its last
 * half hour; those cycle through every type, so every type appears in every status.
 */
export function jobEvents(random: Faker, members: readonly Member[], anchor: number): Map<string, LedgerEvent[]> {
  const closedOfType = new Map<JobType, number>();
  let open = 0;
  const byUser = new Map<string, LedgerEvent[]>();
  for (const member of members) {
    const { user, profile, time } = member;
    if (profile.jobs === 0) continue;
    const from = firstPurchaseAt(random, member) + MINUTE;
    const times = busyInstants(random, profile.jobs, from, Math.max(from, time.lastSeen - SETTLED));
    const events: LedgerEvent[] = [];
    times.forEach((at, k) => {
      const opens = time.active && k === times.length - 1 && open % 3 !== 2;
      if (opens) {
        const status = cycle(OPEN_STATUSES, open);
        const type = JOB_TYPES[Math.floor(open / 2) % JOB_TYPES.length] as JobType;
        open += 1;
        const queued = anchor - between(random, 2 * MINUTE, 25 * MINUTE);
        events.push({ at: queued, job: { row: openJob(random, member, type, status, queued) } });
        return;
      }
      if (time.active && k === times.length - 1) open += 1;
      const type = drawJobType(random);
      const n = closedOfType.get(type) ?? 0;
      closedOfType.set(type, n + 1);
      const job: PlannedJob = { row: closedJob(random, member, type, failsAt(type, n), at) };
      events.push({ at, job });
      if (job.row.status === 'failed') {
        const refundAt = (job.row.completed_at as Date).getTime() + between(random, MINUTE, 20 * MINUTE);
        events.push({ at: refundAt, refund: job, amount: jobCredits(type) });
      }
    });
    byUser.set(user.id, events);
  }
  return byUser;
}

function openJob(
  random: Faker,
  { user, brand }: Member,
  type: JobType,
  status: 'pending' | 'processing',
  at: number,
): Insert<'generation_jobs'> {
  const started = status === 'processing' ? new Date(at + 2 * SECOND) : null;
  return {
    user_id: user.id,
    type,
    status,
    credits_cost: jobCredits(type),
    input_params: jobInput(random, type, brand),
    attempts: status === 'processing' ? 1 : 0,
    started_at: started,
    completed_at: null,
    updated_at: started ?? new Date(at),
  } as Insert<'generation_jobs'>;
}

function closedJob(random: Faker, { user, brand }: Member, type: JobType, failed: boolean, at: number) {
  const ms = runTime(random, type);
  const started = at + between(random, SECOND, 20 * SECOND);
  const completed = new Date(started + ms);
  return {
    user_id: user.id,
    type,
    status: failed ? 'failed' : 'completed',
    credits_cost: jobCredits(type),
    input_params: jobInput(random, type, brand),
    attempts: failed ? random.number.int({ min: 1, max: 3 }) : 1,
    started_at: new Date(started),
    completed_at: completed,
    updated_at: completed,
    output_metadata: failed ? null : jobOutput(random, type, ms),
    ...(failed ? failure(random, type) : { error_code: null, error_message: null }),
  } as Insert<'generation_jobs'>;
}

/** The assets completed jobs made, created as each job completed. */
export async function createOutputs({ f }: ScenarioContext, events: readonly LedgerEvent[]): Promise<void> {
  const completed = events.flatMap((event) =>
    'job' in event && event.job.inserted?.status === 'completed' ? [event.job.inserted] : [],
  );
  await f.assets.createEach(
    completed.map((job) => {
      const output = OUTPUT[job.type];
      const timed = output.asset === 'video' || output.asset === 'audio';
      return {
        job,
        type: output.asset,
        url: job.output_url as string,
        mime_type: output.mime,
        duration_ms: timed ? (job.output_metadata?.duration_ms ?? null) : null,
        created_at: job.completed_at as Date,
        metadata: { model: job.output_metadata?.model ?? `cutx-${job.type}`, prompt: promptOf(job) },
      };
    }),
  );
}

function promptOf(job: Row<'generation_jobs'>): string {
  const input = job.input_params as Record<string, unknown>;
  return String(input.prompt ?? input.script ?? input.text ?? input.product_name ?? input.background ?? job.type);
}
