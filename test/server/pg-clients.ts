import pg from 'pg';

/** A connected pg client whose connection errors (a server closing it) do not throw unhandled. */
export async function pgClient(
  url: string,
  config: Omit<pg.ClientConfig, 'connectionString'> = {},
): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, ...config });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Runs `body` with `count` clients, and closes every one of them however it ends. */
export async function withClients<T>(
  url: string,
  count: number,
  body: (clients: pg.Client[]) => Promise<T>,
): Promise<T> {
  const clients: pg.Client[] = [];
  try {
    for (let index = 0; index < count; index++) clients.push(await pgClient(url));
    return await body(clients);
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
