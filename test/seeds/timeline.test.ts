import { describe, expect } from 'vitest';
import { personas } from '../../seeds/personas.js';
import type { Scenario } from '../../seeds/scenario.js';
import { scenarios } from '../../seeds/scenarios/index.js';
import { seedDatabase } from '../../seeds/seed-database.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { dbTest as test } from '../support/db-test.js';
import { productQuestions } from './product-questions.js';

// A fixed "today": the questions below are the ones `--as-of today` is for, and a fixed
// anchor makes their answers the same on every run.
const ANCHOR = new Date('2026-12-07T15:42:17.000Z');
const DAY = 86_400_000;

// Times that are plans or validity ends, not things that happened: these may lie after the anchor.
const AHEAD = new Set([
  'shows.scheduled_at',
  'subscriptions.current_period_end',
  'subscriptions.trial_ends_at',
  'magic_link_tokens.expires_at',
  'ad_platform_connections.token_expires_at',
]);

test.beforeAll(async ({ db }) => {
  await seedDatabase(db, { scenario: scenarios.dev as Scenario, seed: 7, scale: 1, asOf: ANCHOR, analyze: false });
});
const rows = async <T>(db: SqlClient, sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;

describe('the dev scenario answers product questions as of its anchor', () => {
  test('signups per week over the last 90 days: most weeks have some', async ({ db }) => {
    const weeks = await rows<{ week: string; signups: number }>(db, productQuestions.signupsPerWeek, [ANCHOR]);
    expect(weeks.length).toBeGreaterThanOrEqual(8);
    expect(weeks.reduce((sum, week) => sum + week.signups, 0)).toBeGreaterThanOrEqual(15);
    expect(weeks.at(-1)?.week).toBe('2026-12-07');
  });

  test('jobs by type and status this month: several types, finished and still open', async ({ db }) => {
    const mix = await rows<{ type: string; status: string; jobs: number }>(db, productQuestions.jobsThisMonth, [
      ANCHOR,
    ]);
    expect(new Set(mix.map((row) => row.type)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(mix.map((row) => row.status))).toEqual(new Set(['completed', 'failed', 'pending', 'processing']));
  });

  test("the seller's credit history: starts with the signup credits and chains row to row", async ({ db }) => {
    const history = await rows<{ kind: string; amount: number; balance_after: number }>(
      db,
      productQuestions.creditHistory,
      [personas.seller.id],
    );
    expect(history.length).toBeGreaterThanOrEqual(10);
    expect(history[0]).toMatchObject({ kind: 'signup_bonus', amount: 25, balance_after: 25 });
    history.slice(1).forEach((row, i) => {
      expect(row.balance_after, `row ${i + 2}`).toBe((history[i]?.balance_after ?? 0) + row.amount);
    });
    expect(new Set(history.map((row) => row.kind))).toEqual(
      new Set(['signup_bonus', 'purchase', 'subscription_grant', 'generation', 'refund']),
    );
  });
});

describe('the dev scenario in time', () => {
  test('records nothing after the anchor, but reaches up to its last half hour', async ({ db }) => {
    const columns = await rows<{ table: string; column: string }>(
      db,
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'timestamp with time zone' ORDER BY 1, 2`,
    );
    const late = [];
    for (const { table, column } of columns.filter((c) => !AHEAD.has(`${c.table}.${c.column}`))) {
      const [row] = await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" > $1`, [
        ANCHOR,
      ]);
      if ((row?.n ?? 0) > 0) late.push(`${table}.${column}`);
    }
    expect(late).toEqual([]);
    const [recent] = await rows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM generation_jobs WHERE created_at > $1::timestamptz - interval '30 minutes'`,
      [ANCHOR],
    );
    expect(recent?.n).toBeGreaterThan(0);
  });

  test('spreads signups over six months, with more on a weekday than on a weekend day', async ({ db }) => {
    const [span] = await rows<{ months: number; weekday: number; weekend: number }>(
      db,
      `SELECT count(DISTINCT date_trunc('month', created_at))::int AS months,
              count(*) FILTER (WHERE extract(isodow FROM created_at AT TIME ZONE 'UTC') < 6)::float / 5 AS weekday,
              count(*) FILTER (WHERE extract(isodow FROM created_at AT TIME ZONE 'UTC') >= 6)::float / 2 AS weekend
         FROM generation_jobs`,
    );
    expect(span?.months).toBeGreaterThanOrEqual(6);
    expect(span?.weekday).toBeGreaterThan(span?.weekend ?? 0);
    const [first] = await rows<{ at: Date }>(db, 'SELECT min(created_at) AS at FROM users');
    expect(ANCHOR.getTime() - (first?.at.getTime() ?? 0)).toBeGreaterThan(150 * DAY);
  });

  test('has churn and a few very active users', async ({ db }) => {
    const [people] = await rows<{ gone: number; recent: number; top: number; median: number }>(
      db,
      `SELECT count(*) FILTER (WHERE last_login_at < $1::timestamptz - interval '30 days')::int AS gone,
              count(*) FILTER (WHERE last_login_at > $1::timestamptz - interval '4 days')::int AS recent,
              (SELECT max(n) FROM (SELECT count(*) AS n FROM generation_jobs GROUP BY user_id) t)::int AS top,
              (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM
                 (SELECT count(*) AS n FROM generation_jobs GROUP BY user_id) t)::int AS median
         FROM users WHERE status = 'active'`,
      [ANCHOR],
    );
    expect(people?.gone).toBeGreaterThan(0);
    expect(people?.recent).toBeGreaterThan(people?.gone ?? 0);
    expect(people?.top).toBeGreaterThanOrEqual(3 * (people?.median ?? 0));
  });

  test('writes no lorem: products, projects, campaigns and landing pages read like a shop', async ({ db }) => {
    const [text] = await rows<{ lorem: number }>(
      db,
      `SELECT (SELECT count(*) FROM products WHERE name ~* 'lorem|ipsum|bespoke|bacon' OR description ~* 'lorem')
            + (SELECT count(*) FROM projects WHERE name ~* 'lorem|launch$')
            + (SELECT count(*) FROM landing_pages WHERE content::text ~* 'lorem|ipsum')::int AS lorem`,
    );
    expect(Number(text?.lorem)).toBe(0);
    const [campaign] = await rows<{ name: string }>(db, 'SELECT name FROM campaigns ORDER BY id LIMIT 1');
    expect(campaign?.name).toMatch(/^.+ \| (META|TIKTOK|GOOGLE) \| .+ \| .+ \| \w{3} \d{4}$/);
  });
});
