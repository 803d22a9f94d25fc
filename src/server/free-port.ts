import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';

/**
 * A TCP port nothing listens on at this instant, for a server (PostgreSQL) that cannot be
 * told "any free port". Another process could take it before that server binds; the
 * server then fails to start with "address already in use", which says so.
 */
export async function freePort(host: string): Promise<number> {
  const probe = createServer();
  probe.listen(0, host);
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}
