-- Admin: an append-only record of every privileged action (guarantee 10).

CREATE TABLE admin_audit_log (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The record outlives its actor: deleting an admin nulls the reference (SET NULL) and
  -- actor_email keeps who it was.
  actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_email text NOT NULL,
  action      text NOT NULL CONSTRAINT admin_audit_log_action_check
              CHECK (action IN ('user.role_change', 'user.suspend', 'user.ban', 'user.reinstate',
                                'user.delete', 'credits.grant', 'credits.revoke', 'subscription.override',
                                'job.retry', 'job.cancel', 'impersonation.start', 'impersonation.end')),
  -- Targets may be any kind of row and must stay readable after that row is gone, so
  -- they are recorded by kind and id without a foreign key.
  target_type text CONSTRAINT admin_audit_log_target_type_check
              CHECK (target_type IN ('user', 'subscription', 'generation_job', 'campaign', 'landing_page',
                                     'credit_transaction')),
  target_id   uuid,
  details     jsonb NOT NULL DEFAULT '{}' CONSTRAINT admin_audit_log_details_object CHECK (jsonb_typeof(details) = 'object'),
  ip_address  inet,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT admin_audit_log_target_pair CHECK ((target_type IS NULL) = (target_id IS NULL))
);

CREATE INDEX idx_admin_audit_log_actor ON admin_audit_log (actor_id);
CREATE INDEX idx_admin_audit_log_target ON admin_audit_log (target_type, target_id);

-- UPDATE and DELETE are refused; the one exception is the SET NULL of actor_id that the
-- foreign key performs when the actor is deleted.
CREATE FUNCTION admin_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND fired_by_referential_action() THEN
    IF NEW.actor_id IS NULL
     AND (NEW.id, NEW.actor_email, NEW.action, NEW.target_type, NEW.target_id, NEW.details, NEW.ip_address, NEW.created_at)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.actor_email, OLD.action, OLD.target_type, OLD.target_id, OLD.details, OLD.ip_address, OLD.created_at) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'admin_audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit entries are never changed; record a new entry instead.';
END;
$$;

CREATE TRIGGER admin_audit_log_append_only BEFORE UPDATE OR DELETE ON admin_audit_log
  FOR EACH ROW EXECUTE FUNCTION admin_audit_log_append_only();

-- TRUNCATE skips row triggers, so it gets its own refusal.
CREATE TRIGGER admin_audit_log_no_truncate BEFORE TRUNCATE ON admin_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_append_only();
