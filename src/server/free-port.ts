import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';

/**
 * Binds `port` on `host` (0: any free one) and lets it go at once: the port that was bound.
 * Rejects with the listen error, such as EADDRINUSE for a port something listens on.
 */
export async function probePort(host: string, port: number): Promise<number> {
  const probe = createServer();
  probe.listen(port, host);
  // once() rejects with the 'error' event's error.
  await once(probe, 'listening');
  const bound = (probe.address() as AddressInfo).port;
  probe.close();
  await once(probe, 'close');
  return bound;
}

/**
 * A TCP port nothing listens on at this instant, for a server (PostgreSQL) that cannot be
 * told "any free port". Another process could take it before that server binds; the
 * server then fails to start with "address already in use", which says so.
 */
export const freePort = (host: string): Promise<number> => probePort(host, 0);
