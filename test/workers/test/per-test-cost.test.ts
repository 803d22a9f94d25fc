// Tests that do nothing: run with the database (vitest.config.ts, a reset before each) and
// without (vitest.nodb.config.ts), the difference in their durations is what the reset costs.
import { expect, it } from 'vitest';

it.each(Array.from({ length: 20 }, (_, index) => index))('does nothing %i', (index) => {
  expect(index).toBeGreaterThanOrEqual(0);
});
