import type { CutxDb } from '../../db/open.js';

/** What the wire server runs client messages on. */
export interface WireEngine {
  /** The engine's `server_version`, reported to clients at startup. */
  readonly serverVersion: string;
  /** Runs frontend messages and resolves with the engine's whole answer; `timeoutMs` may interrupt it. */
  exec(bytes: Buffer, timeoutMs: number): Promise<Buffer>;
  /** Stops the running statement if the engine can (a cancel request). */
  interrupt(reason: 'timeout' | 'cancel'): void;
}

/**
 * A PGlite database open in this thread, served as it is (the vitest integration serves
 * each worker's database this way). A statement blocks this thread while it runs, so
 * neither statement_timeout, the 60 s cap nor cancel can stop it here; `cutx-db serve`
 * runs its engine on a worker thread (`EngineThread`) where they can.
 */
export class InProcessEngine implements WireEngine {
  private constructor(
    private readonly db: CutxDb,
    readonly serverVersion: string,
  ) {}

  static async of(db: CutxDb): Promise<InProcessEngine> {
    const { rows } = await db.query<{ server_version: string }>('SHOW server_version');
    return new InProcessEngine(db, rows[0]?.server_version ?? '');
  }

  async exec(bytes: Buffer): Promise<Buffer> {
    return Buffer.from(await this.db.execProtocolRaw(bytes));
  }

  interrupt(): void {}
}
