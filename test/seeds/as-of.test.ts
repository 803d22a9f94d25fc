import { describe, expect, it } from 'vitest';
import { createFactories } from '../../factories/index.js';
import { startOfUtcDay } from '../../factories/time.js';
import { DEFAULT_AS_OF, parseAsOf } from '../../seeds/as-of.js';
import { dbTest } from '../support/db-test.js';

const DAY = 86_400_000;

describe('parseAsOf', () => {
  const now = new Date('2026-12-07T15:42:17.987Z');

  it('reads today as now to the second, a day as its UTC start, and an instant with its offset', () => {
    expect(parseAsOf('today', now).toISOString()).toBe('2026-12-07T15:42:17.000Z');
    expect(parseAsOf('2026-06-01', now).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(parseAsOf('2024-02-29', now).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseAsOf('2026-06-01T09:30:00+02:00', now).toISOString()).toBe('2026-06-01T07:30:00.000Z');
    expect(parseAsOf('2026-06-01T09:30Z', now).toISOString()).toBe('2026-06-01T09:30:00.000Z');
  });

  it('refuses what is not a real day or instant, saying what to pass', () => {
    for (const text of ['2026-02-30', '2025-02-29', '2026-6-1', 'yesterday', '', '2026-06-01T09:30', '1780272000']) {
      expect(() => parseAsOf(text, now), text).toThrowError(
        expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('pass today, a day') }),
      );
    }
  });

  it('defaults to a fixed instant, so seeds reproduce on every day', () => {
    expect(DEFAULT_AS_OF.toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('createFactories asOf', () => {
  dbTest('stamps rows a second apart in the day before the anchor', async ({ db }) => {
    const asOf = new Date('2026-03-15T12:00:00Z');
    const f = createFactories(db, { seed: 5, asOf });
    const [first, second] = await f.generationJobs.createList(2);
    expect(first?.created_at.toISOString()).toBe('2026-03-14T12:00:01.000Z');
    expect((second?.created_at.getTime() ?? 0) - (first?.created_at.getTime() ?? 0)).toBe(1000);
    // Times derived from the creation follow it (a completed job finishes after it started).
    const done = await f.generationJobs.completed().create();
    expect(done.completed_at?.getTime()).toBeGreaterThan(done.created_at.getTime());
    expect(done.completed_at?.getTime()).toBeLessThan(asOf.getTime());
  });

  dbTest(
    'defaults to the start of the current UTC day: rows sit in the day before today, not in 2025',
    async ({ db }) => {
      const before = startOfUtcDay(new Date()).getTime();
      const user = await createFactories(db, { seed: 6 }).users.create();
      const after = startOfUtcDay(new Date()).getTime();
      const at = user.created_at.getTime();
      expect(at).toBeGreaterThan(before - DAY);
      expect(at).toBeLessThan(after);
    },
  );

  dbTest('refuses an invalid Date as the anchor', ({ db }) => {
    expect(() => createFactories(db, { seed: 1, asOf: new Date('nope') })).toThrowError(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('asOf') }),
    );
  });
});
