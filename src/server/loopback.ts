import { isIP } from 'node:net';

/**
 * Loopback names and addresses, and Unix socket directories (an absolute path): both reach
 * only this machine. A socket could be a tunnel to another machine, but so could a loopback
 * port; whoever set either up chose where it leads.
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.startsWith('/')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) !== 6) return false;
  // An IPv4 address mapped into IPv6 (::ffff:127.0.0.1, or ::ffff:7f00:1 in hex) is that IPv4 address.
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(bare)?.[1];
  if (mapped !== undefined) return isIP(mapped) === 4 ? mapped.startsWith('127.') : /^7f[0-9a-f]{2}:/.test(mapped);
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}
