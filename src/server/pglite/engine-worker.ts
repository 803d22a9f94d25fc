import { parentPort, workerData } from 'node:worker_threads';
import { CutxDbError } from '../../db/errors.js';
import { openDb } from '../../db/open.js';

/** What the wire server asks of the engine thread. */
export type EngineRequest = { type: 'exec'; id: number; bytes: Uint8Array } | { type: 'close' };

/** What the engine thread answers. */
export type EngineReply =
  | { type: 'ready'; serverVersion: string }
  | { type: 'result'; id: number; bytes: Uint8Array }
  | { type: 'failed'; id: number | undefined; message: string; code: string | undefined }
  | { type: 'closed' };

// PGlite runs here, off the wire server's thread: a statement blocks this thread while it
// runs, and the server thread stays free to answer clients, cancel requests, timeouts and
// signals, and to end this thread when it must.
const port = parentPort;
if (port === null) throw new Error('engine-worker.ts runs as a worker thread');
const { dataDir, argv } = workerData as { dataDir: string; argv: string[] };
// The data directory's lock names its holder by the command line: the process's, not this
// thread's script (this thread has its own process.argv).
process.argv = argv;
// Copied, never transferred: a result may be a view of PGlite's own memory.
const reply = (message: EngineReply) => port.postMessage(message);

try {
  const db = await openDb({ dataDir });
  const { rows } = await db.query<{ server_version: string }>('SHOW server_version');
  port.on('message', async (request: EngineRequest) => {
    if (request.type === 'close') {
      await db.close();
      reply({ type: 'closed' });
      return;
    }
    try {
      const bytes = await db.execProtocolRaw(request.bytes);
      reply({ type: 'result', id: request.id, bytes });
    } catch (error) {
      reply({ type: 'failed', id: request.id, message: (error as Error).message, code: undefined });
    }
  });
  reply({ type: 'ready', serverVersion: rows[0]?.server_version ?? '' });
} catch (error) {
  reply({
    type: 'failed',
    id: undefined,
    message: (error as Error).message,
    code: error instanceof CutxDbError ? error.code : undefined,
  });
}
