import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import type { EngineLease } from './engine-lease.js';
import { EngineInterrupted } from './engine-thread.js';
import {
  authenticationMd5,
  authenticationOk,
  backendKeyData,
  DECLINE_ENCRYPTION,
  errorResponse,
  frontendMessage,
  parameterStatus,
  queryMessage,
  readyForQuery,
  type TransactionStatus,
} from './protocol/backend-messages.js';
import { failed, firstField } from './protocol/engine-answer.js';
import { FrameReader, type FrontendMessage, ProtocolViolation } from './protocol/frontend-frames.js';
import { READ_STATEMENT_TIMEOUT, RESET_SESSION, RESET_SESSION_STEPWISE } from './session-reset.js';
import { durationMs, readSql } from './sql-guard.js';
import { StatementNames } from './statement-names.js';
import type { WireEngine } from './wire-engine.js';

/** What every connection of one server shares. */
export interface WireContext {
  engine: WireEngine;
  lease: EngineLease;
  password: string;
  maxConnections: number;
  idleInTransactionTimeoutMs: number;
  /** Connections past startup, by backend pid: for the connection limit and cancel requests. */
  clients: Map<number, WireClient>;
}

/** Hyperdrive's cap on one statement; a client's statement_timeout can only lower it. */
export const STATEMENT_CAP_MS = 60_000;
/** The largest message accepted: bigger than any statement or row a service sends, far below PostgreSQL's 1 GB. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
// Startup and password must arrive within this, or the connection slot is freed.
const AUTHENTICATION_TIMEOUT_MS = 10_000;

// Execute on a portal that does not exist: an error that aborts the engine's open sequence
// (the engine then skips to Sync, and a transaction block becomes failed), as a real
// server does when its client errs.
const FAIL_SEQUENCE = frontendMessage('E', Buffer.from('cutx_abandoned\0\0\0\0\0', 'latin1'));
const SYNC = frontendMessage('S');
const ROLLBACK = queryMessage('ROLLBACK');
// Batches end at a message after which the client waits for an answer.
const ANSWERED_AFTER = new Set(['S', 'Q', 'H', 'F']);

let nextPid = 1;

/**
 * One client connection: startup and password, then its messages checked, renamed into its
 * own statement namespace and run on the engine while it holds its turn.
 */
export class WireClient {
  readonly pid = nextPid++;
  private readonly key = randomBytes(4).readInt32BE();
  private readonly reader = new FrameReader(MAX_MESSAGE_BYTES);
  private readonly names = new StatementNames(this.pid);
  private phase: 'startup' | 'auth' | 'ready' | 'closed' = 'startup';
  private salt = randomBytes(4);
  private release: (() => void) | undefined;
  /** The engine's transaction status for this client while it holds its turn. */
  private status: TransactionStatus = 'I';
  /** After an error this server raised in an extended-protocol sequence: skip to Sync. */
  private skipToSync = false;
  private handling = false;
  private running = false;
  private startupTimeoutMs: number | undefined;
  /** statement_timeout in effect in the current transaction (ms, 0 none); undefined: the startup one. */
  private transactionTimeoutMs: number | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** A Terminate or copy message that ended a batch, handled after it. */
  private pendingSpecial: FrontendMessage | undefined;
  private readonly authTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: Socket,
    private readonly context: WireContext,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      void this.handleArrived();
    });
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
    this.authTimer = setTimeout(() => this.fatal('08P01', 'authentication timeout'), AUTHENTICATION_TIMEOUT_MS);
  }

  /** Ends the connection from the server's side, as a shutdown does. */
  terminate(sqlState: string, message: string): void {
    this.fatal(sqlState, message);
  }

  /** Whether this client holds the engine: a statement running, or a transaction open. */
  get holdsEngine(): boolean {
    return this.release !== undefined;
  }

  /** Whether this client's statement is running on the engine now (a cancel request's target). */
  cancel(key: number): void {
    if (key === this.key && this.running) this.context.engine.interrupt('cancel');
  }

  /**
   * Handles what has arrived, one message or batch at a time. Everything this client does
   * on the engine happens in here, so its steps never overlap; a closed connection's
   * clean-up runs at the end, after any statement it had running.
   */
  private async handleArrived(): Promise<void> {
    if (this.handling) return;
    this.handling = true;
    clearTimeout(this.idleTimer);
    try {
      while (this.phase !== 'closed') {
        if (this.phase === 'startup') {
          if (!this.startup()) break;
          continue;
        }
        const message = this.reader.nextMessage();
        if (message === undefined) break;
        if (this.phase === 'auth') this.authenticate(message);
        else await this.handle(message);
      }
    } catch (error) {
      if (error instanceof ProtocolViolation) this.fatal('08P01', error.message);
      else this.fatal('XX000', `internal error: ${(error as Error).message}`);
    }
    if (this.phase === 'closed') await this.cleanUp();
    else if (this.release !== undefined) {
      this.idleTimer = setTimeout(() => this.idleTimeout(), this.context.idleInTransactionTimeoutMs);
    }
    this.handling = false;
  }

  /** Reads the startup packet; false until it is complete. */
  private startup(): boolean {
    const packet = this.reader.nextStartup();
    if (packet === undefined) return false;
    if (packet.kind === 'ssl' || packet.kind === 'gss') {
      this.socket.write(DECLINE_ENCRYPTION);
      return true;
    }
    if (packet.kind === 'cancel') {
      this.context.clients.get(packet.pid)?.cancel(packet.key);
      this.phase = 'closed';
      clearTimeout(this.authTimer);
      this.socket.end();
      return false;
    }
    const { params } = packet;
    if (this.context.clients.size >= this.context.maxConnections) {
      this.fatal('53300', 'sorry, too many clients already');
      return false;
    }
    const user = params.get('user') ?? '';
    if (user !== 'postgres') {
      this.fatal('28000', `role "${user}" does not exist (this server has one role: postgres)`);
      return false;
    }
    const database = params.get('database') ?? user;
    if (database !== 'postgres') {
      this.fatal('3D000', `database "${database}" does not exist (this server has one database: postgres)`);
      return false;
    }
    this.startupTimeoutMs = startupStatementTimeout(params);
    this.context.clients.set(this.pid, this);
    this.phase = 'auth';
    this.socket.write(authenticationMd5(this.salt));
    return true;
  }

  private authenticate(message: FrontendMessage): void {
    if (message.type !== 'p') throw new ProtocolViolation(`expected a password message, got '${message.type}'`);
    const inner = createHash('md5').update(`${this.context.password}postgres`).digest('hex');
    const expected = Buffer.from(`md5${createHash('md5').update(inner).update(this.salt).digest('hex')}\0`);
    if (message.body.length !== expected.length || !timingSafeEqual(message.body, expected)) {
      this.fatal('28P01', 'password authentication failed for user "postgres"');
      return;
    }
    clearTimeout(this.authTimer);
    this.phase = 'ready';
    const settings: Array<[string, string]> = [
      ['server_version', this.context.engine.serverVersion],
      ['server_encoding', 'UTF8'],
      ['client_encoding', 'UTF8'],
      ['DateStyle', 'ISO, MDY'],
      ['IntervalStyle', 'postgres'],
      ['TimeZone', 'UTC'],
      ['integer_datetimes', 'on'],
      ['standard_conforming_strings', 'on'],
      ['is_superuser', 'on'],
      ['session_authorization', 'postgres'],
    ];
    this.socket.write(
      Buffer.concat([
        authenticationOk(),
        ...settings.map(([name, value]) => parameterStatus(name, value)),
        backendKeyData(this.pid, this.key),
        readyForQuery('I'),
      ]),
    );
  }

  private async handle(first: FrontendMessage): Promise<void> {
    if (first.type === 'X') return this.close();
    // Outside COPY these are ignored, as PostgreSQL ignores them.
    if (first.type === 'd' || first.type === 'c' || first.type === 'f') return;
    if (first.type === 'p') throw new ProtocolViolation('unexpected password message');
    if (this.skipToSync) {
      if (first.type === 'S') {
        this.skipToSync = false;
        await this.failSequence();
      }
      return;
    }
    const frames: Buffer[] = [];
    let message: FrontendMessage | undefined = first;
    let timeout = this.transactionTimeoutMs;
    while (message !== undefined) {
      const { frame, query } = this.names.rewrite(message);
      const text =
        message.type === 'Q' ? message.body.toString('utf8', 0, Math.max(0, message.body.length - 1)) : query;
      if (text !== undefined) {
        const reading = readSql(text);
        if (reading.refusal !== undefined) {
          await this.run(frames, timeout);
          this.send(errorResponse('ERROR', '0A000', reading.refusal.message, reading.refusal.hint));
          if (message.type === 'Q') await this.failSequence();
          else this.skipToSync = true;
          return;
        }
        if (reading.statementTimeoutMs !== undefined) timeout = reading.statementTimeoutMs ?? undefined;
      }
      frames.push(frame);
      if (ANSWERED_AFTER.has(message.type)) break;
      message = this.peekForwardable();
    }
    await this.run(frames, timeout);
  }

  /** The next buffered message if it simply joins the batch (not X, copy, or password). */
  private peekForwardable(): FrontendMessage | undefined {
    const message = this.reader.nextMessage();
    if (message === undefined) return undefined;
    if ('Xdcfp'.includes(message.type)) {
      // Handled on its own after this batch.
      this.pendingSpecial = message;
      return undefined;
    }
    return message;
  }

  /** Runs a batch on the engine in this client's turn and sends the answer. */
  private async run(frames: Buffer[], transactionTimeoutMs: number | undefined): Promise<void> {
    if (frames.length > 0) {
      await this.takeTurn();
      if (this.phase === 'closed') return;
      this.transactionTimeoutMs = transactionTimeoutMs;
      const timeout = effectiveTimeout(transactionTimeoutMs ?? this.startupTimeoutMs);
      const inBlock = this.status !== 'I';
      this.running = true;
      let output: Buffer;
      try {
        output = await this.context.engine.exec(Buffer.concat(frames), timeout);
      } catch (error) {
        this.running = false;
        if (!(error instanceof EngineInterrupted)) throw error;
        return this.interrupted(error.reason, inBlock, frames);
      }
      this.running = false;
      this.names.remember(frames);
      this.send(output);
      await this.afterEngine(output);
    }
    const special = this.pendingSpecial;
    if (special !== undefined) {
      this.pendingSpecial = undefined;
      await this.handle(special);
    }
  }

  /** Reads the status the engine ended on; a client whose transaction ended gives up its turn. */
  private async afterEngine(output: Buffer): Promise<void> {
    const status = endStatus(output);
    if (status === undefined) return;
    this.status = status;
    if (status === 'I') await this.endTurn();
    else if (status === 'T') await this.readStatementTimeout();
  }

  /**
   * Reads the statement_timeout the open transaction left in the engine: set any way (a
   * function, set_config with parameters), it holds for this client's next statements. None
   * set (0) leaves the client's startup value, which the engine does not know, in force.
   */
  private async readStatementTimeout(): Promise<void> {
    const value = firstField(await this.context.engine.exec(READ_STATEMENT_TIMEOUT, STATEMENT_CAP_MS));
    if (value === undefined || value === null) return;
    const ms = durationMs(value);
    this.transactionTimeoutMs = ms === 0 ? undefined : ms;
  }

  /** The engine was restarted under this client's statement: its session is gone. */
  private interrupted(reason: 'timeout' | 'cancel', inBlock: boolean, frames: Buffer[]): void {
    this.status = 'I';
    this.transactionTimeoutMs = undefined;
    this.giveUpTurn();
    const text =
      reason === 'timeout' ? 'canceling statement due to statement timeout' : 'canceling statement due to user request';
    if (inBlock) {
      this.fatal(
        '57014',
        `${text}; the transaction was rolled back and this connection is closed (the embedded engine was restarted to stop the statement)`,
      );
      return;
    }
    this.send(errorResponse('ERROR', '57014', text));
    const last = frames.at(-1);
    const type = last === undefined ? '' : String.fromCharCode(last[0] as number);
    if (type === 'S' || type === 'Q') this.send(readyForQuery('I'));
    else this.skipToSync = true;
  }

  /** Ends the engine's part of a sequence this server failed, and sends ReadyForQuery. */
  private async failSequence(): Promise<void> {
    if (this.release === undefined) {
      this.send(readyForQuery('I'));
      return;
    }
    const output = await this.context.engine.exec(Buffer.concat([FAIL_SEQUENCE, SYNC]), STATEMENT_CAP_MS);
    const status = endStatus(output) ?? 'I';
    this.send(readyForQuery(status));
    this.status = status;
    if (status === 'I') await this.endTurn();
  }

  /** Waits for this client's turn on the engine (kept until its transaction ends), unless it already has it. */
  private async takeTurn(): Promise<void> {
    if (this.release !== undefined) return;
    const release = await this.context.lease.acquire();
    if (this.phase === 'closed') {
      release();
      return;
    }
    this.release = release;
  }

  /** The transaction is over: reset what the session set, and let the next client in. */
  private async endTurn(): Promise<void> {
    this.transactionTimeoutMs = undefined;
    try {
      await this.resetSession();
    } finally {
      this.giveUpTurn();
    }
  }

  /** Returns the engine's session to the server's defaults (see `RESET_SESSION`). */
  private async resetSession(): Promise<void> {
    if (failed(await this.context.engine.exec(RESET_SESSION, STATEMENT_CAP_MS))) {
      await this.context.engine.exec(RESET_SESSION_STEPWISE, STATEMENT_CAP_MS);
    }
  }

  private giveUpTurn(): void {
    const release = this.release;
    this.release = undefined;
    this.status = 'I';
    release?.();
  }

  private idleTimeout(): void {
    if (this.release === undefined || this.running || this.phase !== 'ready') return;
    this.fatal(
      '25P03',
      `terminating connection due to idle-in-transaction timeout: nothing arrived for ${this.context.idleInTransactionTimeoutMs} ms inside a transaction, which holds the embedded engine for every client; it was rolled back`,
    );
  }

  private send(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  private fatal(sqlState: string, message: string): void {
    if (this.phase !== 'closed' && !this.socket.destroyed) this.socket.end(errorResponse('FATAL', sqlState, message));
    this.close();
  }

  /** Frees the connection's slot; the engine's side is cleaned up by `handleArrived`. */
  private close(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    clearTimeout(this.authTimer);
    clearTimeout(this.idleTimer);
    this.context.clients.delete(this.pid);
    if (!this.socket.destroyed) this.socket.destroy();
    void this.handleArrived();
  }

  /** Rolls back the closed connection's transaction and drops its named statements. */
  private async cleanUp(): Promise<void> {
    const statements = [...this.names.parsed.keys()];
    this.names.parsed.clear();
    const holding = this.release !== undefined;
    if (!holding && statements.length === 0) return;
    const closes = statements.map((name) => frontendMessage('C', Buffer.from(`S${name}\0`, 'utf8')));
    try {
      if (!holding) this.release = await this.context.lease.acquire();
      const abandon = holding ? [FAIL_SEQUENCE, SYNC, ROLLBACK] : [];
      await this.context.engine.exec(Buffer.concat([...abandon, ...closes, SYNC]), STATEMENT_CAP_MS);
      await this.resetSession();
    } catch {
      // The engine was restarted or closed: nothing of this session is left in it.
    } finally {
      this.giveUpTurn();
    }
  }

  /** Every named statement this client has, for replay on a restarted engine. */
  preparedStatements(): Buffer[] {
    return [...this.names.parsed.values()];
  }
}

/** The status of the last ReadyForQuery, if the output ends with one. */
function endStatus(output: Buffer): TransactionStatus | undefined {
  const at = output.length - 6;
  if (at < 0 || output[at] !== 0x5a || output.readInt32BE(at + 1) !== 5) return undefined;
  return String.fromCharCode(output[at + 5] as number) as TransactionStatus;
}

/** statement_timeout from the startup packet (postgres.js sends it as a parameter; libpq in `options`). */
function startupStatementTimeout(params: Map<string, string>): number | undefined {
  const direct = params.get('statement_timeout');
  if (direct !== undefined) return durationMs(direct);
  const options = /(?:-c\s*|--)statement_timeout=(\S+)/.exec(params.get('options') ?? '');
  return options?.[1] === undefined ? undefined : durationMs(options[1]);
}

/** The client's statement_timeout (0: none) capped at Hyperdrive's 60 s. */
function effectiveTimeout(clientMs: number | undefined): number {
  return clientMs === undefined || clientMs <= 0 ? STATEMENT_CAP_MS : Math.min(clientMs, STATEMENT_CAP_MS);
}
