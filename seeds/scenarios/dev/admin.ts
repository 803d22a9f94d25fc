import type { Insert } from '../../../src/rows/tables.js';
import type { ScenarioContext } from '../../scenario.js';
import type { Cohort } from './cohort.js';

type Entry = Omit<Insert<'admin_audit_log'>, 'actor_email'> & { actor: { id: string } };

/**
 * The audit trail of what staff did to the cohort: suspensions and bans (by status),
 * goodwill grants, retried failed jobs, subscription overrides and impersonation sessions.
 */
export async function createAuditLog({ f, client }: ScenarioContext, cohort: Cohort): Promise<void> {
  const { staff } = cohort;
  if (staff === undefined) return;
  const { owner, admin } = staff;
  const entries: Entry[] = [];
  cohort.members.forEach(({ user, profile }, i) => {
    const target = { target_type: 'user' as const, target_id: user.id };
    if (user.role === 'admin') {
      entries.push({
        actor: owner,
        action: 'user.role_change',
        ...target,
        details: { before: { role: 'user' }, after: { role: 'admin' } },
      });
    }
    if (user.status === 'suspended') {
      entries.push({ actor: admin, action: 'user.suspend', ...target, details: { reason: 'Chargeback under review' } });
    }
    if (user.status === 'banned') {
      entries.push({ actor: owner, action: 'user.ban', ...target, details: { reason: 'Repeated policy violations' } });
    }
    if (profile.adminGrant) {
      entries.push({ actor: admin, action: 'credits.grant', ...target, details: { amount: 50 } });
    }
    if (profile.subscription?.status === 'past_due') {
      entries.push({
        actor: admin,
        action: 'subscription.override',
        ...target,
        details: { reason: 'Seven days of grace to update the card' },
      });
    }
    if (i % 10 === 0) {
      entries.push({
        actor: admin,
        action: 'impersonation.start',
        ...target,
        details: { reason: `Support ticket SUP-${1000 + i}` },
      });
      entries.push({
        actor: admin,
        action: 'impersonation.end',
        ...target,
        details: { reason: `Support ticket SUP-${1000 + i}` },
      });
    }
  });
  const { rows: failed } = await client.query<{ id: string }>(
    `SELECT id FROM generation_jobs WHERE status = 'failed' AND user_id = ANY($1::uuid[]) ORDER BY id LIMIT 5`,
    [cohort.members.map((member) => member.user.id)],
  );
  for (const job of failed) {
    entries.push({ actor: admin, action: 'job.retry', target_type: 'generation_job', target_id: job.id, details: {} });
  }
  await f.adminAuditLog.createEach(entries);
}
