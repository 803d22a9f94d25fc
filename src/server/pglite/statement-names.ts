import { createHash } from 'node:crypto';
import { cstring, frontendMessage } from './protocol/backend-messages.js';
import { CStringCursor, type FrontendMessage } from './protocol/frontend-frames.js';

// PostgreSQL keeps the first 63 bytes of a statement name (NAMEDATALEN - 1).
const MAX_NAME_BYTES = 63;

/**
 * One client's prepared-statement and portal names, moved into a namespace of its own on
 * the shared engine session: what a transaction-mode pool gives each client (pgbench -M
 * prepared names its statements P0_0, P0_1 ... on every connection). The unnamed statement
 * and portal stay unnamed: they live only until the client's Sync, while it holds the engine.
 */
export class StatementNames {
  private readonly prefix: string;
  /** The Parse frames of the named statements the engine has for this client, by engine name: replayed after a restart. */
  readonly parsed = new Map<string, Buffer>();

  constructor(clientId: number) {
    this.prefix = `c${clientId}_`;
  }

  /** The engine's name for a client's name. */
  engineName(name: string): string {
    if (name === '') return '';
    const named = this.prefix + name;
    if (Buffer.byteLength(named) <= MAX_NAME_BYTES) return named;
    // Longer names would be cut to 63 bytes and could collide; a digest keeps them apart.
    return (
      this.prefix +
      createHash('sha256')
        .update(name)
        .digest('hex')
        .slice(0, MAX_NAME_BYTES - this.prefix.length)
    );
  }

  /**
   * Records the named statements these (rewritten) frames parse, once the engine has run
   * them: a batch that was interrupted never reached the client as parsed, so it is not
   * replayed, and the client will parse it again.
   */
  remember(frames: Buffer[]): void {
    for (const frame of frames) {
      if (frame[0] !== 0x50) continue;
      const name = frame.toString('utf8', 5, frame.indexOf(0, 5));
      if (name !== '') this.parsed.set(name, frame);
    }
  }

  /**
   * The message with its names rewritten (Parse, Bind, Describe, Close, Execute), and the
   * text of a Parse's query for the guard. Other messages pass unchanged.
   */
  rewrite(message: FrontendMessage): { frame: Buffer; query?: string } {
    const cursor = new CStringCursor(message.body);
    switch (message.type) {
      case 'P': {
        const name = this.engineName(cursor.next());
        const query = cursor.next();
        return { frame: rebuild('P', [name, query], message.body.subarray(cursor.offset)), query };
      }
      case 'B': {
        const portal = this.engineName(cursor.next());
        const statement = this.engineName(cursor.next());
        return { frame: rebuild('B', [portal, statement], message.body.subarray(cursor.offset)) };
      }
      case 'E':
        return { frame: rebuild('E', [this.engineName(cursor.next())], message.body.subarray(cursor.offset)) };
      case 'D':
      case 'C': {
        const kind = message.body.subarray(0, 1);
        cursor.offset = 1;
        const name = this.engineName(cursor.next());
        if (message.type === 'C' && kind.toString('latin1') === 'S') this.parsed.delete(name);
        return { frame: rebuild(message.type, [name], message.body.subarray(cursor.offset), kind) };
      }
      default:
        return { frame: message.frame };
    }
  }
}

function rebuild(type: string, names: string[], rest: Buffer, head: Buffer = Buffer.alloc(0)): Buffer {
  return frontendMessage(type, Buffer.concat([head, ...names.map(cstring), rest]));
}
