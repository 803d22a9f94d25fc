/** Backend (server) messages this server writes itself rather than the engine. */

function message(type: string, body: Buffer): Buffer {
  const frame = Buffer.alloc(5 + body.length);
  frame.write(type, 0, 'latin1');
  frame.writeInt32BE(4 + body.length, 1);
  body.copy(frame, 5);
  return frame;
}

function int32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
}

/** `text` as a NUL-terminated string, as the protocol writes names and values. */
export function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf8');
}

export type Severity = 'ERROR' | 'FATAL';

/** ErrorResponse: severity, SQLSTATE and message, as libpq, pg and postgres.js read them. */
export function errorResponse(severity: Severity, sqlState: string, text: string, hint?: string): Buffer {
  const fields = [
    ['S', severity],
    ['V', severity],
    ['C', sqlState],
    ['M', text],
    ...(hint === undefined ? [] : [['H', hint]]),
  ];
  return message('E', Buffer.concat([...fields.map(([code, value]) => cstring(`${code}${value}`)), Buffer.from([0])]));
}

export function authenticationMd5(salt: Buffer): Buffer {
  return message('R', Buffer.concat([int32(5), salt]));
}

export function authenticationOk(): Buffer {
  return message('R', int32(0));
}

export function parameterStatus(name: string, value: string): Buffer {
  return message('S', Buffer.concat([cstring(name), cstring(value)]));
}

export function backendKeyData(pid: number, key: number): Buffer {
  return message('K', Buffer.concat([int32(pid), int32(key)]));
}

/** Transaction status: 'I' idle, 'T' in a block, 'E' in a failed block. */
export type TransactionStatus = 'I' | 'T' | 'E';

export function readyForQuery(status: TransactionStatus): Buffer {
  return message('Z', Buffer.from(status, 'latin1'));
}

/** SSLRequest and GSSENCRequest answer: not supported, go on in the clear. */
export const DECLINE_ENCRYPTION = Buffer.from('N', 'latin1');

/** Builds a frontend message, for what the server itself sends the engine. */
export function frontendMessage(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  return message(type, body);
}

/** A simple-protocol Query message. */
export function queryMessage(sql: string): Buffer {
  return message('Q', cstring(sql));
}
