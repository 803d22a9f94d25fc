-- Catalog: projects group the products a seller ingests, with their images.

CREATE TABLE projects (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        text NOT NULL CONSTRAINT projects_name_length CHECK (length(name) BETWEEN 1 AND 200),
  description text,
  archived_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_projects_user ON projects (user_id);

CREATE TABLE products (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        text NOT NULL CONSTRAINT products_name_length CHECK (length(name) BETWEEN 1 AND 300),
  description text,
  source_url  text CONSTRAINT products_source_url_http CHECK (source_url ~ '^https?://'),
  sku         text,
  price_cents bigint CONSTRAINT products_price_nonnegative CHECK (price_cents >= 0),
  currency    currency_code NOT NULL DEFAULT 'USD',
  attributes  jsonb NOT NULL DEFAULT '{}' CONSTRAINT products_attributes_object CHECK (jsonb_typeof(attributes) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_products_project ON products (project_id);

CREATE TRIGGER products_updated_at BEFORE UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE product_images (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  url        text NOT NULL,
  alt_text   text,
  position   integer NOT NULL DEFAULT 0 CONSTRAINT product_images_position_nonnegative CHECK (position >= 0),
  width      integer CONSTRAINT product_images_width_positive CHECK (width > 0),
  height     integer CONSTRAINT product_images_height_positive CHECK (height > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT product_images_product_position_key UNIQUE (product_id, position)
);
