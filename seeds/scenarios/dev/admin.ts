import { DAY, HOUR, MINUTE } from '../../../factories/time.js';
import type { Insert } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import type { Cohort } from './cohort.js';
import { between, busyInstant } from './rhythm.js';

type Entry = Omit<Insert<'admin_audit_log'>, 'actor_email'> & { actor: { id: string } };

/**
 * The audit trail of what staff did to the cohort: suspensions and bans (by status),
 * goodwill grants, retried failed jobs, subscription overrides and impersonation sessions.
 */
export async function createAuditLog({ f, client, random, asOf }: ScenarioContext, cohort: Cohort): Promise<void> {
  const { staff } = cohort;
  if (staff === undefined) return;
  const { owner, admin } = staff;
  const entries: Entry[] = [];
  const latest = asOf.getTime() - MINUTE;
  cohort.members.forEach(({ user, profile, time }, i) => {
    // Staff act on what a user did, while they were around; they suspend or ban (and so
    // end the user's visits) up to a day after the last one.
    const stamp = (ms: number) => ({ created_at: new Date(Math.min(ms, latest)) });
    const during = () => stamp(busyInstant(random, time.signup, time.lastSeen));
    const afterLastVisit = stamp(time.lastSeen + between(random, 10 * MINUTE, DAY));
    const target = { target_type: 'user' as const, target_id: user.id };
    if (user.role === 'admin') {
      entries.push({
        actor: owner,
        action: 'user.role_change',
        ...target,
        ...stamp(time.signup + HOUR),
        details: { before: { role: 'user' }, after: { role: 'admin' } },
      });
    }
    if (user.status === 'suspended') {
      entries.push({
        actor: admin,
        action: 'user.suspend',
        ...target,
        ...afterLastVisit,
        details: { reason: 'Chargeback under review' },
      });
    }
    if (user.status === 'banned') {
      entries.push({
        actor: owner,
        action: 'user.ban',
        ...target,
        ...afterLastVisit,
        details: { reason: 'Repeated policy violations' },
      });
    }
    if (profile.adminGrant) {
      entries.push({ actor: admin, action: 'credits.grant', ...target, ...during(), details: { amount: 50 } });
    }
    if (profile.subscription?.status === 'past_due') {
      entries.push({
        actor: admin,
        action: 'subscription.override',
        ...target,
        ...during(),
        details: { reason: 'Seven days of grace to update the card' },
      });
    }
    if (i % 10 === 0) {
      const start = during().created_at.getTime();
      entries.push({
        actor: admin,
        action: 'impersonation.start',
        ...target,
        ...stamp(start),
        details: { reason: `Support ticket SUP-${1000 + i}` },
      });
      entries.push({
        actor: admin,
        action: 'impersonation.end',
        ...target,
        ...stamp(start + between(random, 5 * MINUTE, 30 * MINUTE)),
        details: { reason: `Support ticket SUP-${1000 + i}` },
      });
    }
  });
  const { rows: failed } = await client.query<{ id: string; completed_at: Date }>(
    `SELECT id, completed_at FROM generation_jobs WHERE status = 'failed' AND user_id = ANY($1::uuid[]) ORDER BY id LIMIT 5`,
    [cohort.members.map((member) => member.user.id)],
  );
  for (const job of failed) {
    entries.push({
      actor: admin,
      action: 'job.retry',
      target_type: 'generation_job',
      target_id: job.id,
      details: {},
      created_at: new Date(Math.min(job.completed_at.getTime() + between(random, 5 * MINUTE, 2 * HOUR), latest)),
    });
  }
  await f.adminAuditLog.createEach(entries);
}
