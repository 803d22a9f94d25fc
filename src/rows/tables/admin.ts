import { c, createdAt, id } from '../column.js';
import { defineTable } from '../define-table.js';
import { auditDetails } from '../json.js';
import { vocabularies } from '../vocabularies.js';

/** `admin_audit_log`: the append-only record of privileged actions. */
export const adminAuditLog = defineTable('admin_audit_log', {
  id: id(),
  actor_id: c.uuid().nullable(),
  actor_email: c.text(),
  action: c.oneOf(vocabularies.admin_audit_log.action),
  target_type: c.oneOf(vocabularies.admin_audit_log.target_type).nullable(),
  target_id: c.uuid().nullable(),
  details: c.jsonb(auditDetails).defaulted(),
  ip_address: c.inet().nullable(),
  created_at: createdAt(),
});
