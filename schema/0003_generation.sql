-- Generation: AI jobs (copy, static ads, UGC video, text-to-speech, ...) and their outputs.

CREATE TABLE generation_jobs (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                 uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type                    text NOT NULL
                          CONSTRAINT generation_jobs_type_check
                          CHECK (type IN ('copy', 'static_ad', 'ugc_video', 'tts', 'product_photo')),
  status                  text NOT NULL DEFAULT 'pending'
                          CONSTRAINT generation_jobs_status_check
                          CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  input_params            jsonb NOT NULL DEFAULT '{}'
                          CONSTRAINT generation_jobs_input_params_object CHECK (jsonb_typeof(input_params) = 'object'),
  output_url              text,
  output_metadata         jsonb
                          CONSTRAINT generation_jobs_output_metadata_object CHECK (jsonb_typeof(output_metadata) = 'object'),
  replicate_prediction_id text,
  idempotency_key         text NOT NULL
                          CONSTRAINT generation_jobs_idempotency_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  -- Debited from the user's credits when the job is inserted (see 0004_billing.sql).
  credits_cost            integer NOT NULL DEFAULT 0
                          CONSTRAINT generation_jobs_credits_cost_nonnegative CHECK (credits_cost >= 0),
  error_code              text,
  error_message           text,
  attempts                integer NOT NULL DEFAULT 0 CONSTRAINT generation_jobs_attempts_nonnegative CHECK (attempts >= 0),
  started_at              timestamptz,
  completed_at            timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  -- What each state needs, so a reader can trust a row without knowing who wrote it.
  CONSTRAINT generation_jobs_completed_has_output
    CHECK (status <> 'completed' OR (output_url IS NOT NULL AND completed_at IS NOT NULL)),
  CONSTRAINT generation_jobs_failed_has_error
    CHECK (status <> 'failed' OR (error_message IS NOT NULL AND completed_at IS NOT NULL)),
  CONSTRAINT generation_jobs_open_not_completed
    CHECK (status NOT IN ('pending', 'processing') OR completed_at IS NULL)
);

CREATE INDEX idx_jobs_user_status ON generation_jobs (user_id, status);
CREATE INDEX idx_jobs_replicate ON generation_jobs (replicate_prediction_id);
-- Guarantee 5: a retried request with the same key is refused instead of charged twice.
CREATE UNIQUE INDEX idx_jobs_idempotency ON generation_jobs (user_id, idempotency_key);

CREATE TRIGGER generation_jobs_updated_at BEFORE UPDATE ON generation_jobs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Status runs pending -> processing -> completed | failed (a pending job may also fail,
-- e.g. when its input is rejected). Finished jobs never reopen.
CREATE FUNCTION generation_jobs_check_transition() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status
     OR (OLD.status = 'pending' AND NEW.status IN ('processing', 'failed'))
     OR (OLD.status = 'processing' AND NEW.status IN ('completed', 'failed')) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'generation job % cannot move from % to %', OLD.id, OLD.status, NEW.status
    USING ERRCODE = 'check_violation', CONSTRAINT = 'generation_jobs_status_transition',
          HINT = 'Jobs move pending -> processing -> completed or failed; create a new job to retry.';
END;
$$;

CREATE TRIGGER generation_jobs_status_transition BEFORE UPDATE OF status ON generation_jobs
  FOR EACH ROW EXECUTE FUNCTION generation_jobs_check_transition();

CREATE TABLE assets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id      uuid NOT NULL REFERENCES generation_jobs (id) ON DELETE CASCADE,
  type        text NOT NULL CONSTRAINT assets_type_check CHECK (type IN ('image', 'video', 'copy', 'audio')),
  url         text NOT NULL,
  mime_type   text NOT NULL CONSTRAINT assets_mime_type_format CHECK (mime_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
  width       integer CONSTRAINT assets_width_positive CHECK (width > 0),
  height      integer CONSTRAINT assets_height_positive CHECK (height > 0),
  duration_ms integer CONSTRAINT assets_duration_positive CHECK (duration_ms > 0),
  size_bytes  bigint CONSTRAINT assets_size_nonnegative CHECK (size_bytes >= 0),
  metadata    jsonb NOT NULL DEFAULT '{}' CONSTRAINT assets_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_assets_job ON assets (job_id);
