import type { PGlite } from '@electric-sql/pglite';

type StreamOptions = Parameters<PGlite['execProtocolRawStream']>[1];

/** What `PGLiteSocketServer` (0.2.17) calls on its `db`; a test of 40 mixed queries pins it. */
type SocketServerDb = Pick<PGlite, 'waitReady' | 'runExclusive' | 'isInTransaction' | 'execProtocolRawStream' | 'exec'>;

// ReadyForQuery: 'Z', length 5, then the status ('I' idle, 'T' in a block, 'E' failed block).
const READY_FOR_QUERY_LENGTH = 6;
const READY_FOR_QUERY = [0x5a, 0, 0, 0, 5];
const IDLE = 0x49;

/**
 * Wraps PGlite for `PGLiteSocketServer` so that one client connection keeps the database
 * from its first message until PGlite is idle again.
 *
 * The server runs one protocol message at a time from any connection, and keeps to one
 * connection only while `isInTransaction()` says a transaction block is open. A
 * parameterised query is several messages (Parse, Bind, Execute, Sync) that pg may send in
 * more than one TCP read, so another connection's Parse could slip in between and the
 * Bind would run that connection's statement with this one's parameters. Here "in a
 * transaction" means "PGlite has not yet answered ReadyForQuery with status idle", which
 * covers explicit transactions, unfinished extended-protocol sequences and COPY.
 */
export function withSessionAffinity(db: PGlite): PGlite {
  let busy = false;
  const facade: SocketServerDb = {
    waitReady: db.waitReady,
    runExclusive: (callback) => db.runExclusive(callback),
    isInTransaction: () => busy,
    async execProtocolRawStream(message, options: StreamOptions) {
      let tail: Uint8Array = new Uint8Array(0);
      await db.execProtocolRawStream(message, {
        ...options,
        onRawData: (data) => {
          tail = lastBytes(tail, data, READY_FOR_QUERY_LENGTH);
          options.onRawData(data);
        },
      });
      // A message that produced no output (Flush, say) leaves the state as it was.
      if (tail.length > 0) busy = !isReadyAndIdle(tail);
    },
    // The server calls exec('ROLLBACK') only when the connection holding PGlite goes away.
    // ROLLBACK alone would be ignored after an error in an extended-protocol sequence, and
    // would commit an unfinished one, so first fail the sequence, as a dropped connection
    // does on a real server, then Sync, then roll back whatever block is left.
    async exec() {
      await db.runExclusive(async () => {
        if (!busy || db.closed) return;
        await db.execProtocolRaw(FAIL_SEQUENCE);
        await db.execProtocolRaw(SYNC);
        if (db.isInTransaction()) await db.execProtocolRaw(ROLLBACK);
        busy = false;
      });
      return [];
    },
  };
  // The server is typed against the whole class but uses only the members above.
  return facade as unknown as PGlite;
}

function isReadyAndIdle(tail: Uint8Array): boolean {
  return READY_FOR_QUERY.every((byte, index) => tail[index] === byte) && tail[5] === IDLE;
}

function lastBytes(previous: Uint8Array, next: Uint8Array, count: number): Uint8Array {
  if (next.length >= count) return next.slice(next.length - count);
  const joined = new Uint8Array(previous.length + next.length);
  joined.set(previous);
  joined.set(next, previous.length);
  return joined.slice(Math.max(0, joined.length - count));
}

function frontendMessage(type: string, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  message.set(body, 5);
  return message;
}

// Execute on a portal that does not exist: an error that aborts the open sequence.
const FAIL_SEQUENCE = frontendMessage('E', Buffer.from('cutx_abandoned_connection\0\0\0\0\0', 'latin1'));
const SYNC = frontendMessage('S');
const ROLLBACK = frontendMessage('Q', Buffer.from('ROLLBACK\0', 'latin1'));
