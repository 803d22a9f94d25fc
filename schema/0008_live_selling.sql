-- Live selling: a seller's inventory, the live shows it is sold in, the payout files the
-- platforms send afterwards, and the competitor streams the seller watches.

CREATE TABLE inventory_items (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        text NOT NULL CONSTRAINT inventory_items_name_length CHECK (length(name) BETWEEN 1 AND 300),
  sku         text,
  category    text NOT NULL CONSTRAINT inventory_items_category_check
              CHECK (category IN ('trading_cards', 'sneakers', 'collectibles', 'apparel', 'electronics',
                                  'jewelry', 'toys', 'other')),
  condition   text NOT NULL CONSTRAINT inventory_items_condition_check
              CHECK (condition IN ('new', 'like_new', 'very_good', 'good', 'fair', 'poor')),
  status      text NOT NULL DEFAULT 'in_stock' CONSTRAINT inventory_items_status_check
              CHECK (status IN ('in_stock', 'reserved', 'sold', 'archived')),
  quantity    integer NOT NULL DEFAULT 1 CONSTRAINT inventory_items_quantity_nonnegative CHECK (quantity >= 0),
  cost_cents  bigint NOT NULL CONSTRAINT inventory_items_cost_nonnegative CHECK (cost_cents >= 0),
  value_cents bigint NOT NULL CONSTRAINT inventory_items_value_nonnegative CHECK (value_cents >= 0),
  currency    currency_code NOT NULL DEFAULT 'USD',
  notes       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_inventory_items_user ON inventory_items (user_id);
CREATE UNIQUE INDEX idx_inventory_items_user_sku ON inventory_items (user_id, sku);
-- Guarantee 6: substring (ILIKE) and typo-tolerant (%, similarity) search on names.
CREATE INDEX idx_inventory_search ON inventory_items USING gin (name gin_trgm_ops);

CREATE TRIGGER inventory_items_updated_at BEFORE UPDATE ON inventory_items
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE shows (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title        text NOT NULL CONSTRAINT shows_title_length CHECK (length(title) BETWEEN 1 AND 200),
  platform     text NOT NULL CONSTRAINT shows_platform_check
               CHECK (platform IN ('whatnot', 'tiktok_shop', 'ebay_live', 'instagram_live', 'youtube')),
  status       text NOT NULL DEFAULT 'scheduled' CONSTRAINT shows_status_check
               CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
  scheduled_at timestamptz NOT NULL,
  started_at   timestamptz,
  ended_at     timestamptz,
  stream_url   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT shows_live_has_start CHECK (status NOT IN ('live', 'ended') OR started_at IS NOT NULL),
  CONSTRAINT shows_ended_has_end CHECK (status <> 'ended' OR ended_at IS NOT NULL),
  CONSTRAINT shows_run_order CHECK (ended_at >= started_at)
);

CREATE INDEX idx_shows_user ON shows (user_id, scheduled_at);

CREATE TRIGGER shows_updated_at BEFORE UPDATE ON shows
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Deleting a show removes its line-up, not the inventory; deleting an item removes it
-- from the line-ups it was in.
CREATE TABLE show_items (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  show_id              uuid NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
  inventory_item_id    uuid NOT NULL REFERENCES inventory_items (id) ON DELETE CASCADE,
  position             integer NOT NULL CONSTRAINT show_items_position_nonnegative CHECK (position >= 0),
  starting_price_cents bigint NOT NULL CONSTRAINT show_items_starting_price_nonnegative CHECK (starting_price_cents >= 0),
  sold_price_cents     bigint CONSTRAINT show_items_sold_price_nonnegative CHECK (sold_price_cents >= 0),
  currency             currency_code NOT NULL DEFAULT 'USD',
  status               text NOT NULL DEFAULT 'queued' CONSTRAINT show_items_status_check
                       CHECK (status IN ('queued', 'live', 'sold', 'unsold', 'pulled')),
  sold_at              timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT show_items_show_item_key UNIQUE (show_id, inventory_item_id),
  CONSTRAINT show_items_sold_has_price CHECK (status <> 'sold' OR (sold_price_cents IS NOT NULL AND sold_at IS NOT NULL))
);

CREATE INDEX idx_show_items_inventory_item ON show_items (inventory_item_id);

CREATE TABLE payout_imports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  platform      text NOT NULL CONSTRAINT payout_imports_platform_check
                CHECK (platform IN ('whatnot', 'tiktok_shop', 'ebay_live', 'instagram_live', 'youtube')),
  file_name     text NOT NULL,
  -- SHA-256 of the uploaded file: the same CSV is not imported twice.
  file_sha256   bytea NOT NULL CONSTRAINT payout_imports_file_sha256_length CHECK (octet_length(file_sha256) = 32),
  status        text NOT NULL DEFAULT 'pending' CONSTRAINT payout_imports_status_check
                CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  period_start  date,
  period_end    date,
  row_count     integer NOT NULL DEFAULT 0 CONSTRAINT payout_imports_row_count_nonnegative CHECK (row_count >= 0),
  total_cents   bigint NOT NULL DEFAULT 0,
  currency      currency_code NOT NULL DEFAULT 'USD',
  error_message text,
  imported_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payout_imports_file_key UNIQUE (user_id, file_sha256),
  CONSTRAINT payout_imports_period_order CHECK (period_end >= period_start),
  CONSTRAINT payout_imports_failed_has_error CHECK (status <> 'failed' OR error_message IS NOT NULL)
);

CREATE TABLE payout_line_items (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payout_import_id  uuid NOT NULL REFERENCES payout_imports (id) ON DELETE CASCADE,
  -- A sale record outlives the inventory item it was matched to: deleting the item only
  -- unmatches the sale (SET NULL), the money received still happened.
  inventory_item_id uuid REFERENCES inventory_items (id) ON DELETE SET NULL,
  line_number       integer NOT NULL CONSTRAINT payout_line_items_line_number_positive CHECK (line_number > 0),
  external_order_id text NOT NULL,
  item_title        text NOT NULL,
  quantity          integer NOT NULL DEFAULT 1 CONSTRAINT payout_line_items_quantity_positive CHECK (quantity > 0),
  gross_cents       bigint NOT NULL,
  fees_cents        bigint NOT NULL CONSTRAINT payout_line_items_fees_nonnegative CHECK (fees_cents >= 0),
  net_cents         bigint NOT NULL,
  currency          currency_code NOT NULL DEFAULT 'USD',
  sold_at           timestamptz NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payout_line_items_line_key UNIQUE (payout_import_id, line_number),
  CONSTRAINT payout_line_items_net_is_gross_less_fees CHECK (net_cents = gross_cents - fees_cents)
);

CREATE INDEX idx_payout_line_items_inventory_item ON payout_line_items (inventory_item_id);

CREATE TABLE competitor_streams (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  platform       text NOT NULL CONSTRAINT competitor_streams_platform_check
                 CHECK (platform IN ('whatnot', 'tiktok_shop', 'ebay_live', 'instagram_live', 'youtube')),
  channel_handle text NOT NULL,
  channel_url    text,
  title          text,
  category       text CONSTRAINT competitor_streams_category_check
                 CHECK (category IN ('trading_cards', 'sneakers', 'collectibles', 'apparel', 'electronics',
                                     'jewelry', 'toys', 'other')),
  observed_at    timestamptz NOT NULL,
  viewer_count   integer CONSTRAINT competitor_streams_viewer_count_nonnegative CHECK (viewer_count >= 0),
  peak_viewers   integer CONSTRAINT competitor_streams_peak_viewers_nonnegative CHECK (peak_viewers >= 0),
  notes          text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_competitor_streams_user ON competitor_streams (user_id, observed_at);
