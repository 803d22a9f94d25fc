import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

// Generous: these wait on a server that may share the machine with other suites.
const ANSWER_WAIT_MS = 30_000;

/** A raw connection: what it received, and whether the server closed it. */
export async function rawSession(
  url: string,
  bytes: Buffer[],
  { startup = false, until }: { startup?: boolean; until?: (received: Buffer) => boolean } = {},
): Promise<{ received: Buffer; closed: boolean }> {
  const { hostname, port, password } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  try {
    await once(socket, 'connect');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    let closed = socket.closed;
    socket.once('close', () => {
      closed = true;
    });
    if (startup) await authenticate(socket, chunks, decodeURIComponent(password));
    for (const chunk of bytes) socket.write(chunk);
    // Until the server closes the connection, or has sent what the caller waits for.
    await waitFor(chunks, (all) => (closed || until?.(all) ? true : undefined));
    return { received: Buffer.concat(chunks), closed };
  } finally {
    socket.destroy();
  }
}

/** Startup and md5 password on a raw socket, up to the first ReadyForQuery. */
export async function authenticate(socket: Socket, chunks: Buffer[], password: string): Promise<void> {
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196_608, 4);
  params.copy(startup, 8);
  socket.write(startup);
  const salt = await waitFor(chunks, (all) => (all.length >= 13 && all[0] === 0x52 ? all.subarray(9, 13) : undefined));
  const inner = createHash('md5').update(`${password}postgres`).digest('hex');
  const hash = `md5${createHash('md5').update(inner).update(salt).digest('hex')}\0`;
  const message = Buffer.alloc(5 + hash.length);
  message.write('p', 0);
  message.writeInt32BE(4 + hash.length, 1);
  message.write(hash, 5);
  socket.write(message);
  await waitFor(chunks, (all) => (endsReady(all) ? true : undefined));
  chunks.length = 0;
}

/** Whether `bytes` end with a ReadyForQuery (the server waits for the client). */
export function endsReady(bytes: Buffer): boolean {
  return bytes.length >= 6 && bytes.subarray(-6, -1).equals(Buffer.from([0x5a, 0, 0, 0, 5]));
}

async function waitFor<T>(chunks: Buffer[], test: (all: Buffer) => T | undefined): Promise<T> {
  for (let waited = 0; waited < ANSWER_WAIT_MS; waited += 10) {
    const found = test(Buffer.concat(chunks));
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no answer from the server');
}

/** The SQLSTATE of the first ErrorResponse in `bytes`. */
export function sqlState(bytes: Buffer): string | undefined {
  const at = bytes.indexOf(0x45);
  if (at < 0) return undefined;
  return /C([0-9A-Z]{5})\0/.exec(bytes.subarray(at).toString('latin1'))?.[1];
}
