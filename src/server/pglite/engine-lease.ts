/**
 * Turns on the one engine session, first come first served. A client keeps its turn for a
 * whole transaction (and an unfinished extended-protocol sequence), as a transaction-mode
 * pool keeps a server connection for one client's transaction.
 */
export class EngineLease {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  /** Resolves with the release function once it is the caller's turn. */
  async acquire(): Promise<() => void> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next === undefined) this.held = false;
      else next();
    };
  }
}
