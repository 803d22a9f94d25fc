import pg from 'pg';

/** An empty database of its own on the test server (no schema applied), dropped by `drop()`. */
export interface EmptyDatabase {
  url: string;
  /** Runs statements as the server's superuser, connected to this database. */
  asAdmin(sql: string): Promise<void>;
  /** Runs statements as the server's superuser, connected to the server's own database. */
  onServer(sql: string): Promise<void>;
  drop(): Promise<void>;
}

let counter = 0;

export async function createEmptyDatabase(serverUrl: string): Promise<EmptyDatabase> {
  const name = `cutx_empty_${process.pid}_${counter++}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const onServer = async (sql: string, database = serverUrl): Promise<void> => {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await onServer(`CREATE DATABASE ${name}`);
  return {
    url: url.href,
    asAdmin: (sql) => onServer(sql, url.href),
    onServer: (sql) => onServer(sql),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
