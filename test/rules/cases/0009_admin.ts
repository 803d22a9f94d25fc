import { type Attack, attackCheck, attackCheckEach } from '../support/attack.js';

// The CHECKs of schema/0009_admin.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfAdmin: Attack[] = [
  attackCheck(
    'admin_audit_log_action_check',
    'admin_audit_log',
    { action: 'impersonation.end' },
    {
      action: 'impersonation.stop',
    },
  ),
  attackCheck(
    'admin_audit_log_target_type_check',
    'admin_audit_log',
    { target_type: 'credit_transaction', target_id: '00000000-0000-4000-8000-000000000001' },
    { target_type: 'asset', target_id: '00000000-0000-4000-8000-000000000001' },
  ),
  attackCheck('admin_audit_log_details_object', 'admin_audit_log', { details: {} }, { details: [] }),
  // The target is named by both its kind and its id, or by neither.
  attackCheck(
    'admin_audit_log_target_pair',
    'admin_audit_log',
    { target_type: null, target_id: null },
    { target_type: 'user', target_id: null },
    { target_type: null, target_id: '00000000-0000-4000-8000-000000000001' },
  ),
  // Every value each list admits, so that dropping one is noticed.
  attackCheckEach('admin_audit_log_action_check', 'admin_audit_log', 'action', [
    'user.role_change',
    'user.suspend',
    'user.ban',
    'user.reinstate',
    'user.delete',
    'credits.grant',
    'credits.revoke',
    'subscription.override',
    'job.retry',
    'job.cancel',
    'impersonation.start',
    'impersonation.end',
  ]),
  attackCheckEach(
    'admin_audit_log_target_type_check',
    'admin_audit_log',
    'target_type',
    ['user', 'subscription', 'generation_job', 'campaign', 'landing_page', 'credit_transaction'],
    () => ({ target_id: '00000000-0000-4000-8000-000000000001' }),
  ),
];
