/**
 * The questions a dashboard asks of seeded data, as a service would write them: `$1` is
 * the anchor (now, for a database seeded with `--as-of today`), or the user whose history
 * is read.
 */
export const productQuestions = {
  signupsPerWeek: `
    SELECT date_trunc('week', created_at AT TIME ZONE 'UTC')::date::text AS week, count(*)::int AS signups
      FROM users WHERE created_at > $1::timestamptz - interval '90 days'
     GROUP BY 1 ORDER BY 1`,
  jobsThisMonth: `
    SELECT type, status, count(*)::int AS jobs
      FROM generation_jobs WHERE created_at >= date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
     GROUP BY 1, 2 ORDER BY 1, 2`,
  creditHistory: `
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at, kind, amount, balance_after, description
      FROM credit_transactions WHERE user_id = $1 ORDER BY created_at, id`,
} as const;
