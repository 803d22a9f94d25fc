// A CutX service as Workers teams write them: postgres.js over the Hyperdrive binding.
import postgres from 'postgres';

export interface Env {
  HYPERDRIVE: Hyperdrive;
}

type Sql = ReturnType<typeof postgres>;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // One client per request, as Hyperdrive recommends: it pools the connections itself. No
    // sql.end(): workerd closes the connection when the request ends, and postgres.js 3.4.9's
    // end() leaves an unhandled rejection in workerd (porsager/postgres#1202).
    const sql = postgres(env.HYPERDRIVE.connectionString, { max: 1, fetch_types: false });
    return route(sql, request);
  },
} satisfies ExportedHandler<Env>;

async function route(sql: Sql, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [, users, userId, what] = url.pathname.split('/');
  if (users !== 'users' || userId === undefined) return new Response('not found', { status: 404 });
  if (request.method === 'POST' && what === 'jobs') return createJob(sql, userId, await request.json());
  if (request.method === 'GET' && what === 'balance') {
    const [row] = await sql`SELECT balance FROM credit_balances WHERE user_id = ${userId}`;
    return row === undefined ? new Response('no balance', { status: 404 }) : Response.json({ balance: row.balance });
  }
  if (request.method === 'GET' && what === 'inventory') {
    const q = url.searchParams.get('q') ?? '';
    const items = await sql`
      SELECT id, name, quantity, value_cents::text AS value_cents FROM inventory_items
      WHERE user_id = ${userId} AND name ILIKE ${`%${q}%`} ORDER BY name`;
    return Response.json({ items });
  }
  return new Response('not found', { status: 404 });
}

interface JobRequest {
  type: string;
  idempotencyKey: string;
  creditsCost: number;
  inputParams: Record<string, unknown>;
}

/** The same idempotency key twice creates one job: the second call returns the first's. */
async function createJob(sql: Sql, userId: string, body: JobRequest): Promise<Response> {
  const [created] = await sql`
    INSERT INTO generation_jobs (user_id, type, idempotency_key, credits_cost, input_params)
    VALUES (${userId}, ${body.type}, ${body.idempotencyKey}, ${body.creditsCost}, ${sql.json(body.inputParams as never)})
    ON CONFLICT (user_id, idempotency_key) DO NOTHING
    RETURNING id`;
  if (created !== undefined) return Response.json({ id: created.id, created: true }, { status: 201 });
  const [existing] = await sql`
    SELECT id FROM generation_jobs WHERE user_id = ${userId} AND idempotency_key = ${body.idempotencyKey}`;
  return Response.json({ id: existing?.id, created: false });
}
