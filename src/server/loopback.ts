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
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}
