/**
 * The signup grant the database gives every new user (guarantee 1 of docs/domain.md). The
 * number lives in the signup trigger's SQL (schema/0004_billing.sql); this copy is what
 * services and tests read, and test/contract/guarantee-examples.test.ts holds it equal to
 * what the trigger grants.
 */
export const SIGNUP_CREDITS = 25;
