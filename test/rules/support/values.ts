/**
 * A reference instant and the instants one microsecond either side of it: PostgreSQL keeps
 * timestamps to the microsecond, so these are the tightest boundary a time comparison has.
 */
export const INSTANT = '2026-01-01T00:00:00.000000Z';
export const MICROSECOND_AFTER = '2026-01-01T00:00:00.000001Z';
export const MICROSECOND_BEFORE = '2025-12-31T23:59:59.999999Z';

/** `length` bytes as bytea text input. */
export const bytes = (length: number) => `\\x${'ab'.repeat(length)}`;
/** A text of `length` times `unit`. */
export const text = (length: number, unit = 'x') => unit.repeat(length);
