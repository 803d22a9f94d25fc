import fc from 'fast-check';
import { vocabularies } from '../src/rows/vocabularies.js';
import { g } from './column-generators.js';
import { type AnyRow, defineFactory } from './define-factory.js';

/**
 * Audit entries. The actor is an admin user (created when not given), and actor_email is
 * that user's address.
 */
export const adminAuditLog = defineFactory({
  table: 'admin_audit_log',
  parents: [
    {
      key: 'actor',
      column: 'actor_id',
      table: 'users',
      with: () => ({ role: 'admin' }),
      copy: (actor: AnyRow) => ({ actor_email: actor.email }),
    },
  ],
  gens: {
    actor_email: g.unique((seq) => `admin+${seq}@example.com`),
    action: g.pick(vocabularies.admin_audit_log.action),
    target_type: g.orNull(g.defaultOf('user', vocabularies.admin_audit_log.target_type)),
    target_id: g.uuid(),
    details: g.custom(
      (faker) => ({ reason: faker.lorem.sentence() }),
      () => fc.constant({}),
    ),
    ip_address: g.orNull(g.ipv4()),
  },
  // A target is recorded by kind and id together, or not at all (admin_audit_log_target_pair).
  derive: (row) => ({ target_id: row.target_type == null ? null : (row.target_id ?? null) }),
  traits: {},
});
