-- Extensions and the helpers every later file uses.
-- These files must apply unchanged to PostgreSQL 15+ (production) and to PGlite.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Keeps updated_at on the ten tables that have one (DOMAIN guarantee 3): every UPDATE moves
-- it strictly forward. It moves to the clock, or to the value the statement set itself
-- when that is later (seeds and backfills write reproducible timestamps), and never to or
-- before the previous value: greatest(..., OLD + 1µs) holds even if two updates land in
-- one microsecond or the clock steps back. clock_timestamp() rather than now(), so two
-- updates in one transaction still differ. created_at is history: an UPDATE cannot rewrite it.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at := OLD.created_at;
  NEW.updated_at := greatest(
    CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE clock_timestamp() END,
    OLD.updated_at + interval '1 microsecond');
  RETURN NEW;
END;
$$;

-- Rows that triggers derive from another row get ids derived from that row's id, so the
-- same inputs always give the same rows (seeds and exports are reproducible byte for byte).
CREATE FUNCTION derived_uuid(source uuid, purpose text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$ SELECT md5(purpose || ':' || source::text)::uuid $$;

-- True while a statement runs on behalf of a foreign key's ON DELETE action (or another
-- trigger) rather than directly from a client: a trigger fired by a client statement runs
-- at depth 1, one fired by the referential action's own statement at depth 2.
CREATE FUNCTION fired_by_referential_action() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT pg_trigger_depth() > 1 $$;

CREATE DOMAIN currency_code AS char(3) CHECK (VALUE ~ '^[A-Z]{3}$');
