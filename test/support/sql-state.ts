import { expect } from 'vitest';

/** SQLSTATEs the guarantees are refused with. */
export const SQL_STATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  insufficientPrivilege: '42501',
} as const;

/** Expects the promise to fail with a database error of this SQLSTATE (and constraint). */
export async function expectSqlState(promise: Promise<unknown>, sqlState: string, constraint?: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the statement should have failed').toBeInstanceOf(Error);
  expect(error).toMatchObject({ code: sqlState, ...(constraint === undefined ? {} : { constraint }) });
}
