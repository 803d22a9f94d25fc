import type { Insert, Row } from '../../../src/rows/tables.js';

/** A job as planned, and the row once inserted (a refund needs its id). */
export interface PlannedJob {
  readonly row: Insert<'generation_jobs'>;
  inserted?: Row<'generation_jobs'>;
}

/**
 * One movement of a user's credits at `at`: a ledger row, or a job (the debit trigger
 * writes its ledger row), or the refund of a failed job.
 */
export type LedgerEvent =
  | { at: number; credit: Insert<'credit_transactions'> }
  | { at: number; job: PlannedJob }
  | { at: number; refund: PlannedJob; amount: number };
