/** The URL a client on this machine uses, as in `psql "$DATABASE_URL"` or `new pg.Pool({ connectionString })`. */
export function connectionUrl(host: string, port: number, password: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@${urlHost(host)}:${port}/postgres?sslmode=disable`;
}

/** The host a client on this machine dials: a wildcard bind is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
