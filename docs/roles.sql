-- The two roles a production database runs with (README, "Security"). Run once, as a
-- superuser or the provider's admin role, connected to the service's database, before
-- its first migration:
--
--   psql -X -v ON_ERROR_STOP=1 -v owner=cutx_owner -v app=cutx_app -f docs/roles.sql "$ADMIN_URL"
--
-- then give both roles a password (psql's \password, or the provider's console).
-- test/postgres/application-role.test.ts runs this file as it is, and then the attacks.

SELECT current_database() AS database \gset

-- The migration owner: owns the schema and runs the migrations (migrate(), or cutx-db seed
-- --database-url), and nothing else; no service connects as it. It creates the tables in
-- public, the cutx_migrate schema and pg_trgm (a trusted extension: CREATE on the database).
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT CREATE ON DATABASE :"database" TO :"owner";
GRANT CREATE ON SCHEMA public TO :"owner";

-- The application role the services connect as: reads and writes rows of the domain's
-- tables, and nothing else: no TRUNCATE, REFERENCES or TRIGGER, owns nothing, creates
-- nothing, cannot see cutx_migrate. Tables of later migrations get the same grants.
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT CONNECT ON DATABASE :"database" TO :"app";
GRANT USAGE ON SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";

-- What PUBLIC (every role) may do by default and no role here needs. PostgreSQL 15 no
-- longer lets PUBLIC create in public, but a database upgraded from 14 still does. TEMP
-- is not needed by the guarantees, which hold with it too (the test grants it and
-- attacks), but code that cannot create a temporary trigger has less to try.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE TEMPORARY ON DATABASE :"database" FROM PUBLIC;
