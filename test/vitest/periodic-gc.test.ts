import { afterEach, describe, expect, it, vi } from 'vitest';
import { countTestForGc, obtainGc, resetGcCount } from '../../vitest/periodic-gc.js';

afterEach(resetGcCount);

describe('countTestForGc', () => {
  it('collects at every Nth test of the worker, not at the tests between', () => {
    const gc = vi.fn();
    const getGc = vi.fn(() => gc);
    const collectedAt: number[] = [];
    for (let test = 1; test <= 9; test++) {
      const before = gc.mock.calls.length;
      countTestForGc(3, getGc);
      if (gc.mock.calls.length > before) collectedAt.push(test);
    }
    expect(collectedAt).toEqual([3, 6, 9]);
    // Obtained once, at the first collection, not before.
    expect(getGc).toHaveBeenCalledTimes(1);
  });

  it('never asks for the collector when the interval is 0', () => {
    const getGc = vi.fn(() => vi.fn());
    for (let test = 1; test <= 5; test++) countTestForGc(0, getGc);
    expect(getGc).not.toHaveBeenCalled();
  });

  it('does nothing, and asks only once, when the collector cannot be obtained', () => {
    const getGc = vi.fn(() => undefined);
    expect(() => {
      for (let test = 1; test <= 6; test++) countTestForGc(2, getGc);
    }).not.toThrow();
    expect(getGc).toHaveBeenCalledTimes(1);
  });
});

describe('obtainGc', () => {
  // vitest runs this file in a worker started without --expose-gc (a child process, or a
  // thread with --pool threads), which is where the fixture needs it.
  it('returns a collector that runs in a worker started without --expose-gc', () => {
    const gc = obtainGc();
    expect(gc).toBeTypeOf('function');
    expect(() => gc?.()).not.toThrow();
  });
});
