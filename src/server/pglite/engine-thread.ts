import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CutxDbError, type CutxDbErrorCode } from '../../db/errors.js';
import type { EngineReply, EngineRequest } from './engine-worker.js';
import type { WireEngine } from './wire-engine.js';

/** Why a statement did not finish: the engine was stopped under it and started again. */
export class EngineInterrupted extends Error {
  override readonly name = 'EngineInterrupted';
  constructor(readonly reason: 'timeout' | 'cancel') {
    super(reason);
  }
}

const CLOSE_WAIT_MS = 5000;

/**
 * PGlite on a worker thread, one statement batch at a time. PGlite is single-threaded WASM:
 * once a statement runs it cannot be interrupted from inside (statement_timeout is not
 * honoured, cancel has nothing to signal). So `interrupt` ends the thread and starts a new
 * one on the same data directory: the interrupted statement's transaction is lost, as
 * after a crash, and committed data is kept. `onRestart` runs first on the new engine.
 */
export class EngineThread implements WireEngine {
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextId = 0;
  private pending: { id: number; resolve(bytes: Buffer): void; reject(error: Error): void } | undefined;
  serverVersion = '';
  private closing = false;
  /** Run on each new engine after an interrupt, before anything else (replays prepared statements). */
  onRestart: (() => Promise<void>) | undefined;

  private constructor(private readonly dataDir: string) {}

  static async start(dataDir: string): Promise<EngineThread> {
    const engine = new EngineThread(dataDir);
    engine.spawn();
    await engine.ready;
    return engine;
  }

  /** Whether a batch is running now. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** Runs frontend messages; resolves with the engine's whole answer. `timeoutMs` interrupts it. */
  async exec(bytes: Buffer, timeoutMs: number): Promise<Buffer> {
    await this.ready;
    return this.execNow(bytes, timeoutMs);
  }

  /** `exec` on the engine as it is, for `onRestart`, which runs before the engine counts as ready. */
  async execNow(bytes: Buffer, timeoutMs: number): Promise<Buffer> {
    if (this.closing) throw new CutxDbError('engine_stopped', 'The server is stopping.');
    const id = this.nextId++;
    const result = new Promise<Buffer>((resolve, reject) => {
      this.pending = { id, resolve, reject };
    });
    const timer = setTimeout(() => this.interrupt('timeout'), timeoutMs);
    this.worker.postMessage({ type: 'exec', id, bytes } satisfies EngineRequest);
    try {
      return await result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the running batch (if any) by ending the engine thread, and starts a new one. */
  interrupt(reason: 'timeout' | 'cancel'): void {
    const pending = this.pending;
    if (pending === undefined || this.closing) return;
    this.pending = undefined;
    void this.worker.terminate();
    this.spawn(true);
    pending.reject(new EngineInterrupted(reason));
  }

  /** Closes PGlite cleanly, or ends the thread if that takes longer than a few seconds. */
  async close(): Promise<void> {
    // From here on nothing runs and nothing restarts the engine: a clean-up that comes late
    // must not start a new thread, which would keep the process alive.
    this.closing = true;
    const worker = this.worker;
    const closed = new Promise<void>((resolve) => {
      worker.on('message', (reply: EngineReply) => {
        if (reply.type === 'closed') resolve();
      });
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ type: 'close' } satisfies EngineRequest);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_WAIT_MS);
    await closed;
    clearTimeout(timer);
    await worker.terminate();
  }

  private spawn(restart = false): void {
    const { url, execArgv } = workerEntry();
    const worker = new Worker(url, {
      workerData: { dataDir: this.dataDir, argv: process.argv },
      ...(execArgv && { execArgv }),
    });
    this.worker = worker;
    const started = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: EngineReply) => {
        if (reply.type === 'ready') {
          this.serverVersion = reply.serverVersion;
          resolve();
        } else if (reply.type === 'result' && reply.id === this.pending?.id) {
          const { resolve: done } = this.pending;
          this.pending = undefined;
          done(Buffer.from(reply.bytes));
        } else if (reply.type === 'failed') {
          // The worker's own CutxDbError (a locked or unusable data directory) keeps its code and words.
          const error =
            reply.code === undefined
              ? new CutxDbError('database_error', `The embedded database failed: ${reply.message}`)
              : new CutxDbError(reply.code as CutxDbErrorCode, reply.message);
          if (reply.id === undefined) reject(error);
          else if (reply.id === this.pending?.id) {
            const { reject: fail } = this.pending;
            this.pending = undefined;
            fail(error);
          }
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        reject(new CutxDbError('engine_stopped', `The embedded database stopped (exit ${code}).`));
        if (this.worker === worker && this.pending !== undefined) {
          const { reject: fail } = this.pending;
          this.pending = undefined;
          fail(new CutxDbError('engine_stopped', 'The embedded database stopped.'));
        }
      });
    });
    this.ready = restart ? started.then(() => this.onRestart?.()) : started;
    // A restart that fails is reported by the next exec.
    this.ready.catch(() => undefined);
  }
}

/** The worker's script: the compiled one, or in a checkout the TypeScript run through tsx. */
function workerEntry(): { url: URL; execArgv?: string[] } {
  const compiled = new URL('./engine-worker.js', import.meta.url);
  if (existsSync(compiled)) return { url: compiled };
  return {
    url: new URL('./engine-worker.ts', import.meta.url),
    execArgv: ['--import', import.meta.resolve('tsx/esm')],
  };
}
