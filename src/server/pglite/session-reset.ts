import { queryMessage } from './protocol/backend-messages.js';

/**
 * What returns the engine's one session to the server's defaults when a client's
 * transaction ends, so that nothing a client set or made reaches the next (PGlite is one
 * backend shared by every client). It is DISCARD ALL (which cannot run in a
 * multi-statement message) made of its parts, keeping the prepared statements clients made
 * through the protocol (each in its own namespace, as a pool keeps a driver's), dropping
 * those made with SQL PREPARE (however smuggled in: a DO block, a function).
 */
const RESET_STEPS = [
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
];

/** The reset in one message: one engine round trip. */
export const RESET_SESSION = queryMessage(RESET_STEPS.join(';\n'));

/**
 * The reset one step a message, for when the one message failed (its implicit transaction
 * then undid every step): a step that fails no longer keeps the others from taking effect.
 */
export const RESET_SESSION_STEPWISE = Buffer.concat(RESET_STEPS.map(queryMessage));

/**
 * The statement_timeout a client's open transaction has set in the engine, however it set
 * it (SET, SET LOCAL, set_config, a function): one text column, '0' while none is set.
 */
export const READ_STATEMENT_TIMEOUT = queryMessage("SELECT pg_catalog.current_setting('statement_timeout')");
