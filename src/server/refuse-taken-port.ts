import { CutxDbError } from '../db/errors.js';
import { probePort } from './free-port.js';

/**
 * Refuses a port something already listens on, before a cluster is created or a database
 * seeded for it: the error names the flag, not PostgreSQL's log. Port 0 (any free one) passes.
 */
export async function refuseTakenPort(host: string, port: number): Promise<void> {
  if (port === 0) return;
  try {
    await probePort(host, port);
  } catch (error) {
    // Any other failure (a host with no such address, say) is the server's own to report.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return;
    throw new CutxDbError(
      'invalid_input',
      `Port ${port} on ${host} is in use: pass another --port, or --port 0 for a free one.`,
      { cause: error },
    );
  }
}
