-- The two roles a production database runs with (README, "Security"). Run once, as a
-- superuser or the provider's admin role, connected to the service's database, before its
-- first migration:
--
--   psql -X -v ON_ERROR_STOP=1 -f docs/roles.sql "$ADMIN_URL"
--
-- then give both roles a password (psql's \password, or the provider's console). For other
-- role names, replace cutx_owner and cutx_app throughout, as the test does:
-- test/postgres/application-role.test.ts runs this file and then attacks.

-- The migration owner: owns the schema and runs the migrations (cutx-db migrate, or
-- migrate()), and nothing else; no service connects as it. It creates the tables in public,
-- the cutx_migrate schema and pg_trgm (a trusted extension: CREATE on the database will do).
CREATE ROLE cutx_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT CREATE ON SCHEMA public TO cutx_owner;

-- The application role the services connect as: reads and writes rows of the domain's
-- tables and nothing else: no TRUNCATE, REFERENCES or TRIGGER, owns nothing, creates
-- nothing, cannot see cutx_migrate. Tables of later migrations get the same grants.
CREATE ROLE cutx_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT USAGE ON SCHEMA public TO cutx_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cutx_app;
ALTER DEFAULT PRIVILEGES FOR ROLE cutx_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cutx_app;

-- What PUBLIC (every role) may do by default and no role here needs. PostgreSQL 15 no
-- longer lets PUBLIC create in public, but a database upgraded from 14 still does. TEMP is
-- not needed by the guarantees, which hold with it too (the test grants it and attacks),
-- but code that cannot create a temporary trigger has less to try.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- GRANT ... ON DATABASE takes a name, not an expression: this database's, whatever it is.
DO $$
BEGIN
  EXECUTE format('GRANT CREATE ON DATABASE %I TO cutx_owner', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO cutx_owner, cutx_app', current_database());
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END;
$$;
