-- Ads: campaigns on Meta, TikTok and Google, the OAuth connections that run them, daily
-- analytics, the creative they use, and the platform fees charged on spend.

CREATE TABLE ad_platform_connections (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  platform                 text NOT NULL CONSTRAINT ad_platform_connections_platform_check
                           CHECK (platform IN ('meta', 'tiktok', 'google')),
  external_account_id      text NOT NULL,
  account_name             text,
  -- Provider tokens are stored encrypted by the application (guarantee 9); a leaked table
  -- holds nothing usable. There is deliberately no plaintext token column.
  access_token_ciphertext  bytea NOT NULL,
  refresh_token_ciphertext bytea,
  token_expires_at         timestamptz,
  scopes                   text[] NOT NULL DEFAULT '{}',
  status                   text NOT NULL DEFAULT 'active' CONSTRAINT ad_platform_connections_status_check
                           CHECK (status IN ('active', 'expired', 'revoked', 'error')),
  last_synced_at           timestamptz,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ad_platform_connections_account_key UNIQUE (user_id, platform, external_account_id)
);

CREATE TRIGGER ad_platform_connections_updated_at BEFORE UPDATE ON ad_platform_connections
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE campaigns (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name                 text NOT NULL CONSTRAINT campaigns_name_length CHECK (length(name) BETWEEN 1 AND 200),
  platform             text NOT NULL CONSTRAINT campaigns_platform_check CHECK (platform IN ('meta', 'tiktok', 'google')),
  objective            text NOT NULL CONSTRAINT campaigns_objective_check
                       CHECK (objective IN ('awareness', 'traffic', 'engagement', 'leads', 'sales')),
  status               text NOT NULL DEFAULT 'draft' CONSTRAINT campaigns_status_check
                       CHECK (status IN ('draft', 'active', 'paused', 'completed', 'archived')),
  external_campaign_id text,
  daily_budget_cents   bigint CONSTRAINT campaigns_daily_budget_nonnegative CHECK (daily_budget_cents >= 0),
  currency             currency_code NOT NULL DEFAULT 'USD',
  starts_at            timestamptz,
  ends_at              timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT campaigns_schedule_order CHECK (ends_at > starts_at)
);

CREATE INDEX idx_campaigns_user ON campaigns (user_id);

CREATE TRIGGER campaigns_updated_at BEFORE UPDATE ON campaigns
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE campaign_analytics (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id       uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  date              date NOT NULL,
  impressions       bigint NOT NULL DEFAULT 0,
  clicks            bigint NOT NULL DEFAULT 0,
  conversions       bigint NOT NULL DEFAULT 0,
  spend_cents       bigint NOT NULL DEFAULT 0 CONSTRAINT campaign_analytics_spend_nonnegative CHECK (spend_cents >= 0),
  revenue_cents     bigint NOT NULL DEFAULT 0 CONSTRAINT campaign_analytics_revenue_nonnegative CHECK (revenue_cents >= 0),
  currency          currency_code NOT NULL DEFAULT 'USD',
  created_at        timestamptz NOT NULL DEFAULT now(),
  -- A funnel narrows: nobody clicks an ad they were not shown.
  CONSTRAINT campaign_analytics_funnel CHECK (0 <= conversions AND conversions <= clicks AND clicks <= impressions)
);

-- One row per campaign per day, so the time-range index is also the uniqueness rule.
CREATE UNIQUE INDEX idx_analytics_campaign_date ON campaign_analytics (campaign_id, date);

CREATE TABLE campaign_assets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  asset_id    uuid NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  placement   text NOT NULL DEFAULT 'feed' CONSTRAINT campaign_assets_placement_check
              CHECK (placement IN ('feed', 'story', 'reel', 'search', 'display')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT campaign_assets_campaign_asset_key UNIQUE (campaign_id, asset_id)
);

CREATE INDEX idx_campaign_assets_asset ON campaign_assets (asset_id);

CREATE TABLE ad_spend_fees (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- A fee is billing history: it outlives the campaign it was charged on (SET NULL), and
  -- keeps its own platform so it still reads correctly afterwards.
  campaign_id  uuid REFERENCES campaigns (id) ON DELETE SET NULL,
  platform     text NOT NULL CONSTRAINT ad_spend_fees_platform_check CHECK (platform IN ('meta', 'tiktok', 'google')),
  period_start date NOT NULL,
  period_end   date NOT NULL,
  spend_cents  bigint NOT NULL CONSTRAINT ad_spend_fees_spend_nonnegative CHECK (spend_cents >= 0),
  fee_bps      integer NOT NULL CONSTRAINT ad_spend_fees_fee_bps_range CHECK (fee_bps BETWEEN 0 AND 10000),
  fee_cents    bigint NOT NULL CONSTRAINT ad_spend_fees_fee_nonnegative CHECK (fee_cents >= 0),
  currency     currency_code NOT NULL DEFAULT 'USD',
  status       text NOT NULL DEFAULT 'pending' CONSTRAINT ad_spend_fees_status_check
               CHECK (status IN ('pending', 'invoiced', 'paid', 'waived')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ad_spend_fees_period_order CHECK (period_end >= period_start)
);

CREATE INDEX idx_ad_spend_fees_user ON ad_spend_fees (user_id);
CREATE INDEX idx_ad_spend_fees_campaign ON ad_spend_fees (campaign_id);
