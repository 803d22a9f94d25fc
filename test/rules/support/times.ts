/** Timestamps one microsecond apart, the resolution PostgreSQL keeps: the tightest boundary. */
export const T0 = '2026-01-01T00:00:00.000000Z';
export const T1 = '2026-01-01T00:00:00.000001Z';
/** One microsecond before T0. */
export const T_1 = '2025-12-31T23:59:59.999999Z';

/** `length` bytes as bytea text input. */
export const bytes = (length: number) => `\\x${'ab'.repeat(length)}`;
export const text = (length: number, unit = 'x') => unit.repeat(length);
