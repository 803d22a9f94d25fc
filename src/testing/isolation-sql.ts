/**
 * The machinery behind `IsolatedDb.reset`, installed into the isolated template only: the
 * canonical schema never carries it, and it lives in its own schema so the public catalog
 * still holds exactly the domain's tables. Table names come from the catalog, quoted by
 * regclass; nothing is interpolated from outside.
 */
export const INSTALL_ISOLATION = `
CREATE SCHEMA cutx_testing;

-- The tables written since the last reset.
CREATE TABLE cutx_testing.touched (relid regclass PRIMARY KEY);

CREATE FUNCTION cutx_testing.record_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Looked up first, so only a table's first statement after a reset writes anything.
  IF NOT EXISTS (SELECT FROM cutx_testing.touched WHERE relid = TG_RELID) THEN
    INSERT INTO cutx_testing.touched VALUES (TG_RELID) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t regclass;
  has_rows boolean;
BEGIN
  FOR t IN SELECT oid::regclass FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') LOOP
    -- A reset empties what was written; that restores the template only while it has no rows.
    EXECUTE format('SELECT EXISTS (SELECT FROM %s)', t) INTO has_rows;
    IF has_rows THEN
      RAISE EXCEPTION 'the migrated template has rows in %, so a reset could not restore it', t
        USING HINT = 'Keep seed data out of schema/; insert it in the test or with a seed scenario.';
    END IF;
    -- One row per statement, not per row: a bulk insert costs one lookup.
    EXECUTE format('CREATE TRIGGER cutx_testing_touch AFTER INSERT OR UPDATE OR DELETE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION cutx_testing.record_touch()', t);
    -- ALWAYS: writes made while a test has user triggers off (replica role) are recorded too.
    EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER cutx_testing_touch', t);
  END LOOP;
END;
$$;

-- Puts the session back as the template left it: settings to their defaults, and every
-- table written since the last reset emptied. DELETE rather than TRUNCATE: TRUNCATE must
-- also name every table that references a touched one (users is referenced by 20) and gives
-- each a new file, about 20 ms against under 1 ms for the few rows a test writes. Replica
-- role turns off the guard and audit triggers that refuse these deletes, and the foreign-key
-- actions, which need not run: every table holding rows was touched, so all are emptied.
-- Returns the tables it emptied: the ones holding dead rows, for a caller to vacuum.
CREATE FUNCTION cutx_testing.reset() RETURNS SETOF regclass
LANGUAGE plpgsql AS $$
DECLARE
  t regclass;
BEGIN
  RESET ALL;
  -- LOCAL: back to origin when this transaction ends, so guards hold again after the reset.
  SET LOCAL session_replication_role = replica;
  FOR t IN SELECT relid FROM cutx_testing.touched LOOP
    EXECUTE format('DELETE FROM %s', t);
    RETURN NEXT t;
  END LOOP;
  DELETE FROM cutx_testing.touched;
END;
$$;
`;
