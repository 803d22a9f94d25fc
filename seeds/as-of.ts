import { CutxDbError } from '../src/db/errors.js';

/**
 * The anchor a seed leads up to when none is given: fixed, so the same inputs give the
 * same rows (and byte-identical exports) on every day.
 */
export const DEFAULT_AS_OF = new Date('2026-06-01T00:00:00.000Z');

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The anchor `--as-of` names: `today` (now, to the second: for "last 30 days" locally), a
 * day `2026-06-01` (its start, UTC) or an ISO 8601 instant with its offset
 * (`2026-06-01T09:30:00Z`).
 */
export function parseAsOf(text: string, now: Date = new Date()): Date {
  const value = text.trim();
  if (value === 'today') return new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (DAY_ONLY.test(value) || INSTANT.test(value)) {
    const date = new Date(DAY_ONLY.test(value) ? `${value}T00:00:00Z` : value);
    // `new Date` rolls 2026-02-30 over to March; a day that does not exist is a typo.
    if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value.slice(0, 10)) return date;
  }
  throw new CutxDbError(
    'invalid_input',
    `--as-of '${text}' is not a day or instant: pass today, a day such as 2026-06-01, or an instant such as 2026-06-01T09:30:00Z.`,
  );
}
