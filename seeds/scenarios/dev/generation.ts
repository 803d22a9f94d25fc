import type { Row } from '../../../src/rows/tables.js';
import { vocabularies } from '../../../src/rows/vocabularies.js';
import type { ScenarioContext } from '../../scenario.js';
import { type Cohort, cycle, perMember } from './cohort.js';

type JobType = Row<'generation_jobs'>['type'];
type JobStatus = Row<'generation_jobs'>['status'];

/** Credits each job type costs: video is the expensive one. */
const COST: Readonly<Record<JobType, number>> = { copy: 1, static_ad: 2, ugc_video: 10, tts: 1, product_photo: 3 };

// Mostly finished work, with some failures and some still running: every status and type
// appears together once a cohort has 40 jobs.
const STATUS_MIX = [
  'completed',
  'completed',
  'failed',
  'processing',
  'completed',
  'pending',
  'completed',
  'failed',
] as const;

/**
 * Generation jobs of every type and status, paid through the ledger as they are inserted
 * (the debit trigger); completed jobs get their assets, failed ones that cost credits a refund.
 */
export async function createGeneration({ f }: ScenarioContext, cohort: Cohort): Promise<void> {
  let n = 0;
  const jobs = perMember(
    cohort.members,
    (p) => p.jobs,
    ({ user }) => {
      const k = n++;
      const type = cycle(vocabularies.generation_jobs.type, k);
      return { user, type, status: cycle(STATUS_MIX, Math.floor(k / 5)) as JobStatus, credits_cost: COST[type] };
    },
  );
  const byStatus = (status: JobStatus) => jobs.filter((job) => job.status === status);
  // One statement per status: each status trait derives the columns that status needs.
  await f.generationJobs.pending().createEach(byStatus('pending'));
  await f.generationJobs.processing().createEach(byStatus('processing'));
  await f.generationJobs.completed().createEach(byStatus('completed'));
  const failed = await f.generationJobs.failed().createEach(byStatus('failed'));
  const refunds = failed.map((job) => ({
    user_id: job.user_id,
    job_id: job.id,
    kind: 'refund' as const,
    amount: COST[job.type],
    description: `Refund: ${job.type} failed`,
  }));
  await f.creditTransactions.createEach(refunds);
}
