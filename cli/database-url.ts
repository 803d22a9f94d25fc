import { parse } from 'pg-connection-string';
import { CutxDbError } from '../src/db/errors.js';
import { isLoopback } from '../src/server/loopback.js';
import { UsageError } from './usage-error.js';

/** A `--database-url` that passed `checkDatabaseUrl`. */
export interface CheckedDatabaseUrl {
  /** The URL without its password, for messages. */
  label: string;
  /** Every host the driver may dial. */
  hosts: string[];
}

/**
 * Checks a `--database-url` before anything connects to it: every host `pg` may dial must be
 * this machine unless `allowRemote`, because a command such as `seed --reset` empties every
 * table and production is one typo away. The hosts come from `pg-connection-string`, the
 * parser `pg` itself uses, so a `host=` query parameter counts as `pg` counts it. What cannot
 * be decided is refused. A bad URL is a `UsageError`; a remote or undecidable host a
 * `CutxDbError` with code `unsafe_target`.
 *
 * @example const { label } = checkDatabaseUrl(url, { allowRemote: false, action: 'seed' })
 */
export function checkDatabaseUrl(
  databaseUrl: string,
  options: { allowRemote: boolean; action: string },
  env: NodeJS.ProcessEnv = process.env,
): CheckedDatabaseUrl {
  const example = 'postgres://user@127.0.0.1:5432/db';
  let parsed: ReturnType<typeof parse>;
  try {
    if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) throw new Error('not a postgres:// URL');
    parsed = parse(databaseUrl);
  } catch {
    // The input is not echoed: it may hold a password.
    throw new UsageError(`--database-url must be a URL such as ${example}; the one given cannot be parsed.`);
  }
  const label = redacted(databaseUrl);
  const hosts = driverHosts(parsed, env);
  if (hosts === undefined) {
    throw new CutxDbError(
      'unsafe_target',
      `Refusing to ${options.action} ${label}: cannot tell which server it reaches (an empty host in a ` +
        `list, or a service= parameter). Pass a URL with one host, such as ${example}.`,
    );
  }
  const remote = hosts.find((host) => !isLoopback(host));
  if (!options.allowRemote && remote !== undefined) {
    throw new CutxDbError(
      'unsafe_target',
      `Refusing to ${options.action} ${remote}: not a loopback address; pass --allow-remote if you mean it.`,
    );
  }
  return { label, hosts };
}

/**
 * The hosts the driver may dial, or `undefined` when that cannot be known. `pg` takes the
 * URL's host (a `host` parameter wins over the authority), else PGHOST, else localhost.
 * libpq (psql, the user's next step) reads more: a comma-separated list of hosts, `hostaddr`
 * and PGHOSTADDR dialled in place of the name, and `service` files; each of those is checked
 * too, or refused, so that the same URL is safe in both.
 */
function driverHosts(parsed: ReturnType<typeof parse>, env: NodeJS.ProcessEnv): string[] | undefined {
  if (parsed.service !== undefined) return undefined;
  const fromUrl = parsed.host ?? '';
  const named = fromUrl !== '' ? fromUrl : env.PGHOST || 'localhost';
  const addresses = typeof parsed.hostaddr === 'string' ? parsed.hostaddr : (env.PGHOSTADDR ?? '');
  const hosts = [named, addresses].flatMap((list) => (list === '' ? [] : list.split(',')));
  return hosts.some((host) => host.trim() === '') ? undefined : hosts.map((host) => host.trim());
}

function redacted(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.href;
  } catch {
    return 'the --database-url';
  }
}
