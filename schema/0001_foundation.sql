-- Extensions and the helpers every later file uses.
-- These files must apply unchanged to PostgreSQL 15+ (production) and to PGlite.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Keeps updated_at on the ten tables that have one (DOMAIN guarantee 3).
-- clock_timestamp() rather than now(): two updates in one transaction must still move
-- updated_at forward. greatest(..., OLD + 1µs) keeps it strictly increasing even if the
-- clock steps back or two updates land in the same microsecond.
-- created_at is part of the row's history, so an UPDATE can never rewrite it.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at := OLD.created_at;
  NEW.updated_at := greatest(clock_timestamp(), OLD.updated_at + interval '1 microsecond');
  RETURN NEW;
END;
$$;

-- True while a statement runs on behalf of a foreign key's ON DELETE action (or another
-- trigger) rather than directly from a client: a trigger fired by a client statement runs
-- at depth 1, one fired by the referential action's own statement at depth 2.
CREATE FUNCTION fired_by_referential_action() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT pg_trigger_depth() > 1 $$;

CREATE DOMAIN currency_code AS char(3) CHECK (VALUE ~ '^[A-Z]{3}$');
