-- Publishing: landing pages served on <subdomain>.cutx.page.

CREATE TABLE landing_pages (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- A DNS label: lower-case letters, digits and inner hyphens, 3 to 63 characters.
  subdomain     text NOT NULL CONSTRAINT landing_pages_subdomain_format
                CHECK (subdomain ~ '^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$'),
  custom_domain text,
  title         text NOT NULL CONSTRAINT landing_pages_title_length CHECK (length(title) BETWEEN 1 AND 200),
  status        text NOT NULL DEFAULT 'draft' CONSTRAINT landing_pages_status_check
                CHECK (status IN ('draft', 'published', 'archived')),
  content       jsonb NOT NULL DEFAULT '{"blocks": []}'
                CONSTRAINT landing_pages_content_object CHECK (jsonb_typeof(content) = 'object'),
  published_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT landing_pages_published_has_time CHECK (status <> 'published' OR published_at IS NOT NULL)
);

CREATE UNIQUE INDEX idx_landing_pages_subdomain ON landing_pages (subdomain);
CREATE UNIQUE INDEX idx_landing_pages_custom_domain ON landing_pages (lower(custom_domain));
CREATE INDEX idx_landing_pages_user ON landing_pages (user_id);

CREATE TRIGGER landing_pages_updated_at BEFORE UPDATE ON landing_pages
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
