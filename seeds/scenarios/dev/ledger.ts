import { CutxDbError } from '../../../src/db/errors.js';
import { SIGNUP_CREDITS } from '../../../src/rows/signup-credits.js';
import type { Insert, Row } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import { createSubscriptions, creditEvents } from './billing.js';
import type { Cohort } from './cohort.js';
import { createOutputs, jobEvents } from './generation.js';
import type { LedgerEvent, PlannedJob } from './ledger-event.js';
import type { Member } from './profile.js';

/**
 * Subscriptions, credit grants, jobs and refunds, written so that every user's ledger
 * chains in time: the ledger trigger computes `balance_after` in insert order, so each
 * user's movements are inserted in the order of their times. Round r inserts every user's
 * r-th movement (one per user, so their order within the round does not matter), in two
 * statements at most: credit rows and jobs.
 */
export async function createLedger(context: ScenarioContext, cohort: Cohort): Promise<void> {
  const { f, random, asOf } = context;
  const anchor = asOf.getTime();
  const subscriptions = await createSubscriptions(context, cohort);
  const jobs = jobEvents(random, cohort.members, anchor);
  const timelines = cohort.members.map((member) =>
    inTimeOrder(member, [
      ...creditEvents(random, member, subscriptions.get(member.user.id), anchor),
      ...(jobs.get(member.user.id) ?? []),
    ]),
  );
  const rounds = Math.max(0, ...timelines.map((events) => events.length));
  for (let r = 0; r < rounds; r += 1) {
    const round = timelines.flatMap((events) => (r < events.length ? [events[r] as LedgerEvent] : []));
    const credits = round.flatMap((event) =>
      'credit' in event ? [event.credit] : 'refund' in event ? [refundRow(event)] : [],
    );
    const planned = round.flatMap((event) => ('job' in event ? [event.job] : []));
    if (credits.length > 0) await f.creditTransactions.createEach(credits);
    if (planned.length > 0) {
      const inserted = await f.generationJobs.createEach(planned.map((job) => job.row));
      planned.forEach((job, i) => {
        const row = inserted[i];
        if (row !== undefined) job.inserted = row;
      });
    }
  }
  await createOutputs(context, [...jobs.values()].flat());
}

function refundRow(event: { at: number; refund: PlannedJob; amount: number }): Insert<'credit_transactions'> {
  const job = event.refund.inserted as Row<'generation_jobs'>;
  return {
    user_id: job.user_id,
    job_id: job.id,
    kind: 'refund',
    amount: event.amount,
    description: `Refund: ${job.type} failed (${job.error_code})`,
    created_at: new Date(event.at),
  };
}

/**
 * A member's movements sorted by time, at least a second apart (so `created_at` alone
 * orders them), with the time written into each row; checks that the balance never goes
 * below zero, which the database would refuse.
 */
function inTimeOrder(member: Member, events: LedgerEvent[]): LedgerEvent[] {
  events.sort((a, b) => a.at - b.at);
  let balance = SIGNUP_CREDITS;
  let last = member.time.signup;
  for (const event of events) {
    event.at = Math.max(event.at, last + 1000);
    last = event.at;
    const at = new Date(event.at);
    if ('credit' in event) {
      event.credit.created_at = at;
      balance += event.credit.amount;
    } else if ('job' in event) {
      event.job.row.created_at = at;
      balance -= event.job.row.credits_cost ?? 0;
    } else balance += event.amount;
    if (balance < 0) {
      throw new CutxDbError(
        'invalid_input',
        `The dev scenario would overdraw ${member.user.email} at ${at.toISOString()}: give its profile a purchase before its jobs.`,
      );
    }
  }
  return events;
}
