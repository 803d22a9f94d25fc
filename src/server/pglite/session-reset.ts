import { queryMessage } from './protocol/backend-messages.js';

/**
 * Returns the engine's one session to the server's defaults when a client's transaction
 * ends, so that nothing a client set or made reaches the next (PGlite is one backend shared
 * by every client). It is DISCARD ALL (which cannot run in a multi-statement message) made
 * of its parts, keeping the prepared statements clients made through the protocol (each in
 * its own namespace, as a pool keeps a driver's), dropping those made with SQL PREPARE
 * (however smuggled in: a DO block, a function). Each statement is its own Query message,
 * so one that fails does not skip the others.
 */
export const RESET_SESSION = Buffer.concat(
  [
    // Named, not DEFAULT: in PGlite neither RESET nor DEFAULT undoes a SET LOCAL SESSION
    // AUTHORIZATION that outlived its transaction. The server's one login role is a
    // superuser, so any client's session may switch back to it.
    'SET SESSION AUTHORIZATION postgres',
    'RESET ROLE',
    'RESET ALL',
    'CLOSE ALL',
    'UNLISTEN *',
    'SELECT pg_catalog.pg_advisory_unlock_all()',
    'DISCARD TEMP',
    'DISCARD SEQUENCES',
    `DO $reset$DECLARE name text; BEGIN
       FOR name IN SELECT p.name FROM pg_catalog.pg_prepared_statements p WHERE p.from_sql LOOP
         EXECUTE pg_catalog.format('DEALLOCATE %I', name);
       END LOOP;
     END$reset$`,
  ].map(queryMessage),
);

/**
 * The statement_timeout a client's open transaction has set in the engine, however it set
 * it (SET, SET LOCAL, set_config, a function): one text column, NULL while it is the
 * server's default (the client's startup value then applies).
 */
export const READ_STATEMENT_TIMEOUT = queryMessage(
  "SELECT CASE WHEN source = 'default' THEN NULL ELSE setting END FROM pg_catalog.pg_settings WHERE name = 'statement_timeout'",
);
