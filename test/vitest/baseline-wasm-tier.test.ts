import { beforeEach, describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.hoisted(() => vi.fn());
vi.mock('node:v8', () => ({ setFlagsFromString }));

describe('useBaselineWasmTier', () => {
  beforeEach(() => {
    vi.resetModules();
    setFlagsFromString.mockClear();
  });

  it("turns off both of V8's ways to the optimizing tier: dynamic tiering and tier-up", async () => {
    const { useBaselineWasmTier } = await import('../../vitest/baseline-wasm-tier.js');
    useBaselineWasmTier();
    expect(setFlagsFromString.mock.calls).toEqual([['--no-wasm-dynamic-tiering'], ['--no-wasm-tier-up']]);
  });

  it('sets them once per process, however many databases the worker opens', async () => {
    const { useBaselineWasmTier } = await import('../../vitest/baseline-wasm-tier.js');
    useBaselineWasmTier();
    useBaselineWasmTier();
    expect(setFlagsFromString).toHaveBeenCalledTimes(2);
  });
});
