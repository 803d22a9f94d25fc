-- Identity: accounts and passwordless login tokens.

CREATE TABLE users (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email              text NOT NULL
                     CONSTRAINT users_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 320),
  -- A PHC-format hash ("$argon2id$...", "$2b$..."): a plain password can never pass.
  password_hash      text CONSTRAINT users_password_hash_format CHECK (password_hash ~ '^\$[a-z0-9-]+\$'),
  github_id          bigint CONSTRAINT users_github_id_positive CHECK (github_id > 0),
  display_name       text CONSTRAINT users_display_name_length CHECK (length(display_name) <= 200),
  avatar_url         text,
  role               text NOT NULL DEFAULT 'user'
                     CONSTRAINT users_role_check CHECK (role IN ('user', 'admin', 'owner')),
  status             text NOT NULL DEFAULT 'active'
                     CONSTRAINT users_status_check CHECK (status IN ('active', 'suspended', 'banned')),
  stripe_customer_id text UNIQUE,
  email_verified_at  timestamptz,
  last_login_at      timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Emails are unique without regard to case (guarantee 9); the address keeps the case the
-- user typed. Logins look up by lower(email), which this index serves.
CREATE UNIQUE INDEX idx_users_email ON users (lower(email));
CREATE UNIQUE INDEX idx_users_github ON users (github_id);

CREATE TRIGGER users_updated_at BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE magic_link_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- SHA-256 of the token mailed to the user; the token itself is never stored.
  token_hash   bytea NOT NULL UNIQUE
               CONSTRAINT magic_link_tokens_token_hash_sha256 CHECK (octet_length(token_hash) = 32),
  requested_ip inet,
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT magic_link_tokens_expiry_after_creation CHECK (expires_at > created_at)
);

CREATE INDEX idx_magic_link_tokens_user ON magic_link_tokens (user_id);
