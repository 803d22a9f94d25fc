import type { ParentSpec } from './define-factory.js';

/** The owning user: created when not given, and shared by a list. */
export const ownedByUser = { key: 'user', column: 'user_id', table: 'users' } as const satisfies ParentSpec;
