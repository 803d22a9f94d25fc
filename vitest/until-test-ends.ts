import { CutxDbError } from '../src/db/errors.js';

/** A fixture value for one test, and the way to let it go when the test ends. */
export interface TestScopedValue<T> {
  /** Stands in for the value: reads, `in` and key listing reach it until `end()`. */
  readonly handle: T;
  /** Forgets the value; the handle then throws, naming `what` and `testName`. */
  end(): void;
}

/**
 * What a handle holds: the value until its test ends, and what to name when it is used later.
 * The proxy's target, so that a handle is two small objects: vitest keeps every handle to the
 * end of the file, and handles with closures of their own cost a worker about a kilobyte per
 * test.
 */
class Slot {
  #value: object | undefined;

  constructor(
    value: object,
    readonly what: string,
    readonly testName: string,
  ) {
    this.#value = value;
  }

  live(): object {
    if (this.#value !== undefined) return this.#value;
    throw new CutxDbError(
      'invalid_input',
      `${this.what} of the test "${this.testName}" was used after that test ended, and its database has been reset since. ` +
        `Take ${this.what} in the test (or beforeEach/afterEach) that uses it, not from a variable a finished test set.`,
    );
  }

  end(): void {
    this.#value = undefined;
  }
}

// One handler for every handle: every trap reads the live value, never the slot's own fields.
const reachLiveValue: ProxyHandler<Slot> = {
  get: (slot, key) => Reflect.get(slot.live(), key),
  has: (slot, key) => Reflect.has(slot.live(), key),
  ownKeys: (slot) => Reflect.ownKeys(slot.live()),
  getOwnPropertyDescriptor: (slot, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(slot.live(), key);
    // A proxy may not report a property as non-configurable unless its target has it so.
    return descriptor && { ...descriptor, configurable: true };
  },
};

/**
 * A stand-in for `value` that forgets it when its test ends. vitest keeps every test's
 * context, and so every fixture value, until the last test of the file has run: a value
 * made per test (a factory set holds a factory per table and a faker per table it wrote)
 * would otherwise stay in the worker's memory once for every test of the file.
 */
export function untilTestEnds<T extends object>(value: T, what: string, testName: string): TestScopedValue<T> {
  const slot = new Slot(value, what, testName);
  return { handle: new Proxy(slot, reachLiveValue) as unknown as T, end: () => slot.end() };
}
