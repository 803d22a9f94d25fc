/**
 * Frontend (client) messages of the PostgreSQL protocol 3.0, cut from a byte stream and
 * checked before anything reaches the engine: a stream that breaks these rules is a
 * `ProtocolViolation`, and only its own connection ends.
 */

/** A broken stream: the client gets this message (SQLSTATE 08P01) and is disconnected. */
export class ProtocolViolation extends Error {
  override readonly name = 'ProtocolViolation';
}

/** One typed message: its type byte, its body, and the whole frame as received. */
export interface FrontendMessage {
  type: string;
  body: Buffer;
  frame: Buffer;
}

/** The first packet of a connection. */
export type StartupPacket =
  | { kind: 'startup'; params: Map<string, string> }
  | { kind: 'ssl' }
  | { kind: 'gss' }
  | { kind: 'cancel'; pid: number; key: number };

const PROTOCOL_3 = 196_608;
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
// PostgreSQL's own bound on a startup packet (MAX_STARTUP_PACKET_LENGTH).
const MAX_STARTUP_LENGTH = 10_000;

/**
 * Every type a client may send after startup: Bind, Close, Describe, Execute,
 * FunctionCall, Flush, Parse, Query, Sync, Terminate, CopyData, CopyDone, CopyFail, and
 * the password message.
 */
const FRONTEND_TYPES = new Set(['B', 'C', 'D', 'E', 'F', 'H', 'P', 'Q', 'S', 'X', 'd', 'c', 'f', 'p']);

/** Accumulates a connection's bytes and yields whole, checked packets and messages. */
export class FrameReader {
  // Chunks are kept apart until a whole message is there: joining each new chunk onto a
  // large unfinished message would copy it again and again, slowing every client.
  private chunks: Buffer[] = [];
  private length = 0;

  /** @param maxMessageBytes the largest message accepted; a longer one is a violation before its bytes arrive. */
  constructor(private readonly maxMessageBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The startup packet, `undefined` until it is complete. */
  nextStartup(): StartupPacket | undefined {
    const head = this.peek(4);
    if (head === undefined) return undefined;
    const length = head.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_LENGTH) {
      throw new ProtocolViolation(`invalid length of startup packet (${length})`);
    }
    if (this.length < length) return undefined;
    const packet = this.take(length);
    const code = packet.readInt32BE(4);
    if (code === SSL_REQUEST && length === 8) return { kind: 'ssl' };
    if (code === GSSENC_REQUEST && length === 8) return { kind: 'gss' };
    if (code === CANCEL_REQUEST && length === 16) {
      return { kind: 'cancel', pid: packet.readInt32BE(8), key: packet.readInt32BE(12) };
    }
    if (code !== PROTOCOL_3) {
      throw new ProtocolViolation(
        `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}: this server speaks 3.0`,
      );
    }
    return { kind: 'startup', params: startupParams(packet.subarray(8)) };
  }

  /** The next typed message, `undefined` until it is complete. */
  nextMessage(): FrontendMessage | undefined {
    if (this.length === 0) return undefined;
    checkType((this.chunks[0] as Buffer)[0] as number);
    const head = this.peek(5);
    if (head === undefined) return undefined;
    const length = head.readInt32BE(1);
    if (length < 4) throw new ProtocolViolation(`invalid message length ${length}`);
    if (length > this.maxMessageBytes) {
      throw new ProtocolViolation(`message of ${length} bytes is over this server's limit of ${this.maxMessageBytes}`);
    }
    if (this.length < length + 1) return undefined;
    const frame = this.take(length + 1);
    return { type: String.fromCharCode(frame[0] as number), body: frame.subarray(5), frame };
  }

  /** The first `count` bytes without consuming them, once that many have arrived. */
  private peek(count: number): Buffer | undefined {
    if (this.length < count) return undefined;
    if ((this.chunks[0] as Buffer).length < count) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] as Buffer;
  }

  private take(count: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let taken: Buffer;
    if (first.length >= count) {
      taken = first.subarray(0, count);
      if (first.length === count) this.chunks.shift();
      else this.chunks[0] = first.subarray(count);
    } else {
      const joined = Buffer.concat(this.chunks);
      taken = joined.subarray(0, count);
      this.chunks = joined.length > count ? [joined.subarray(count)] : [];
    }
    this.length -= count;
    return taken;
  }
}

function checkType(byte: number): void {
  const type = String.fromCharCode(byte);
  if (!FRONTEND_TYPES.has(type)) {
    throw new ProtocolViolation(`invalid frontend message type ${byte} ('${byte >= 32 && byte < 127 ? type : '?'}')`);
  }
}

function startupParams(bytes: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  const cursor = new CStringCursor(bytes);
  for (;;) {
    const name = cursor.next();
    if (name === '') break;
    params.set(name, cursor.next());
  }
  if (!cursor.atEnd()) throw new ProtocolViolation('invalid startup packet layout: bytes after the terminator');
  return params;
}

/** Reads NUL-terminated strings from a message body; a missing terminator is a violation. */
export class CStringCursor {
  constructor(
    private readonly bytes: Buffer,
    public offset = 0,
  ) {}

  next(): string {
    const end = this.bytes.indexOf(0, this.offset);
    if (end < 0) throw new ProtocolViolation('invalid message format: a string without its terminator');
    const text = this.bytes.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return text;
  }

  atEnd(): boolean {
    return this.offset === this.bytes.length;
  }
}
