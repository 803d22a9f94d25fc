/**
 * The writes of a typical small test, shared by the reset() measurement and the generated
 * service suite so that both time the same work: a user (its balance and signup credit are
 * made by triggers), then a project, an inventory item and an audit entry of that user's.
 */

/** Creates the user; `$1` is a unique email. Returns its id. */
export const INSERT_USER = 'INSERT INTO users (email) VALUES ($1) RETURNING id';

/** The user's three related rows, one statement each; `$1` is the user's id. */
export const INSERT_RELATED_ROWS: readonly string[] = [
  `INSERT INTO projects (user_id, name) VALUES ($1, 'Spring drop')`,
  `INSERT INTO inventory_items (user_id, name, category, condition, cost_cents, value_cents)
   VALUES ($1, 'Charizard', 'trading_cards', 'new', 100, 250)`,
  `INSERT INTO admin_audit_log (actor_id, actor_email, action) VALUES ($1, 'a@cutx.io', 'user.ban')`,
];
