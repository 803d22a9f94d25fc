import type { DbEngine } from '../src/server/db-server-options.js';

// What the plugin and its globalSetup hand to the workers through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine `cutxDb({ engine })` chose. */
    cutxDbEngine: DbEngine;
    /** With the postgres engine: the server the globalSetup started (a superuser's URL). */
    cutxDbServerUrl: string;
    /** `cutxDb({ collectGarbageEvery })`: tests of a worker between two full collections, 0 for never. */
    cutxDbGcEvery: number;
  }
}
