import { setFlagsFromString } from 'node:v8';

let applied = false;

/**
 * Keeps this test worker's WebAssembly on V8's baseline compiler (Liftoff), before the
 * worker compiles PGlite. By default V8 recompiles every function that gets hot with its
 * optimizing compiler (TurboFan), in background threads: a test worker makes hundreds of
 * PGlite's functions hot in its first tests, and recompiling them (several are huge) takes
 * more CPU than those tests themselves, which they wait for on a machine with few free
 * cores. Liftoff code runs each test somewhat slower, so the optimizing compiler would pay
 * off only over thousands of tests in one worker, which is not how a suite spreads.
 *
 * Set at run time rather than as the worker's `execArgv`: a worker thread (vitest's
 * `threads` pool) refuses V8 flags there. Flags set later than the module's compilation do
 * nothing to it, so this runs before the worker's first database.
 */
export function useBaselineWasmTier(): void {
  if (applied) return;
  applied = true;
  // Both: with dynamic tiering off, V8 would otherwise optimise every function it compiles.
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
}
