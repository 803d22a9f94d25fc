import type { Faker } from '@faker-js/faker';
import { DAY, HOUR, MINUTE } from '../../../factories/time.js';
import type { Insert } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import type { Cohort } from './cohort.js';
import type { Member } from './profile.js';
import { between, busyInstant } from './rhythm.js';

type Entry = Omit<Insert<'admin_audit_log'>, 'actor_email'> & { actor: { id: string } };
type Staff = NonNullable<Cohort['staff']>;

/**
 * The audit trail of what staff did to the cohort: suspensions and bans (by status),
 * goodwill grants, retried failed jobs, subscription overrides and impersonation sessions.
 */
export async function createAuditLog(context: ScenarioContext, cohort: Cohort): Promise<void> {
  const { staff } = cohort;
  if (staff === undefined) return;
  const latest = context.asOf.getTime() - MINUTE;
  const entries = cohort.members.flatMap((member, i) => {
    const clock = auditClock(context.random, member, latest);
    return [...accountEntries(staff, member, clock), ...supportEntries(context.random, staff, member, i, clock)];
  });
  entries.push(...(await jobRetries(context, cohort, staff, latest)));
  await context.f.adminAuditLog.createEach(entries);
}

/** When staff act on one user: while they were around, or just after their last visit; never after `latest`. */
interface AuditClock {
  stamp(ms: number): { created_at: Date };
  during(): { created_at: Date };
  readonly afterLastVisit: { created_at: Date };
}

function auditClock(random: Faker, { time }: Member, latest: number): AuditClock {
  const stamp = (ms: number) => ({ created_at: new Date(Math.min(ms, latest)) });
  return {
    stamp,
    during: () => stamp(busyInstant(random, time.signup, time.lastSeen)),
    // Staff suspend or ban (and so end the user's visits) up to a day after the last one.
    afterLastVisit: stamp(time.lastSeen + between(random, 10 * MINUTE, DAY)),
  };
}

/** What the user's role and status say staff did to the account: promoted, suspended or banned. */
function accountEntries({ owner, admin }: Staff, { user, time }: Member, clock: AuditClock): Entry[] {
  const target = { target_type: 'user' as const, target_id: user.id };
  const entries: Entry[] = [];
  if (user.role === 'admin') {
    entries.push({
      actor: owner,
      action: 'user.role_change',
      ...target,
      ...clock.stamp(time.signup + HOUR),
      details: { before: { role: 'user' }, after: { role: 'admin' } },
    });
  }
  if (user.status === 'suspended') {
    entries.push({
      actor: admin,
      action: 'user.suspend',
      ...target,
      ...clock.afterLastVisit,
      details: { reason: 'Chargeback under review' },
    });
  }
  if (user.status === 'banned') {
    entries.push({
      actor: owner,
      action: 'user.ban',
      ...target,
      ...clock.afterLastVisit,
      details: { reason: 'Repeated policy violations' },
    });
  }
  return entries;
}

/** Support work on the user while they were around: a goodwill grant, a subscription's grace, every tenth one impersonated. */
function supportEntries(random: Faker, { admin }: Staff, { user, profile }: Member, i: number, clock: AuditClock) {
  const target = { target_type: 'user' as const, target_id: user.id };
  const entries: Entry[] = [];
  if (profile.adminGrant) {
    entries.push({ actor: admin, action: 'credits.grant', ...target, ...clock.during(), details: { amount: 50 } });
  }
  if (profile.subscription?.status === 'past_due') {
    entries.push({
      actor: admin,
      action: 'subscription.override',
      ...target,
      ...clock.during(),
      details: { reason: 'Seven days of grace to update the card' },
    });
  }
  if (i % 10 === 0) {
    const start = clock.during().created_at.getTime();
    const ticket = () => ({ reason: `Support ticket SUP-${1000 + i}` });
    entries.push({ actor: admin, action: 'impersonation.start', ...target, ...clock.stamp(start), details: ticket() });
    const end = clock.stamp(start + between(random, 5 * MINUTE, 30 * MINUTE));
    entries.push({ actor: admin, action: 'impersonation.end', ...target, ...end, details: ticket() });
  }
  return entries;
}

/** Up to five of the cohort's failed generation jobs, retried by an admin after they failed. */
async function jobRetries(
  { client, random }: ScenarioContext,
  cohort: Cohort,
  { admin }: Staff,
  latest: number,
): Promise<Entry[]> {
  const { rows: failed } = await client.query<{ id: string; completed_at: Date }>(
    `SELECT id, completed_at FROM generation_jobs WHERE status = 'failed' AND user_id = ANY($1::uuid[]) ORDER BY id LIMIT 5`,
    [cohort.members.map((member) => member.user.id)],
  );
  return failed.map((job) => ({
    actor: admin,
    action: 'job.retry',
    target_type: 'generation_job',
    target_id: job.id,
    details: {},
    created_at: new Date(Math.min(job.completed_at.getTime() + between(random, 5 * MINUTE, 2 * HOUR), latest)),
  }));
}
