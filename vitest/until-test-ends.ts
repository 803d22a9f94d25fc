import { CutxDbError } from '../src/db/errors.js';

/** A fixture value for one test, and the way to let it go when the test ends. */
export interface TestScopedValue<T> {
  /** Stands in for the value: reads, `in` and key listing reach it until `end()`. */
  readonly handle: T;
  /** Forgets the value; the handle then throws, naming `what` and `testName`. */
  end(): void;
}

/**
 * A stand-in for `value` that forgets it when its test ends. vitest keeps every test's
 * context, and so every fixture value, until the last test of the file has run: a value
 * made per test (a factory set holds a factory per table and a faker per table it wrote)
 * would otherwise stay in the worker's memory once for every test of the file.
 */
export function untilTestEnds<T extends object>(value: T, what: string, testName: string): TestScopedValue<T> {
  let current: T | undefined = value;
  const live = (): T => {
    if (current !== undefined) return current;
    throw new CutxDbError(
      'invalid_input',
      `${what} of the test "${testName}" was used after that test ended, and its database has been reset since. ` +
        `Take ${what} in the test (or beforeEach/afterEach) that uses it, not from a variable a finished test set.`,
    );
  };
  // The target stays empty, so the handle holds nothing; every trap reads the live value.
  const handle = new Proxy({} as T, {
    get: (_, key) => Reflect.get(live(), key),
    has: (_, key) => Reflect.has(live(), key),
    ownKeys: () => Reflect.ownKeys(live()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(live(), key);
      // A proxy may not report a property its (empty) target lacks as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
  });
  return {
    handle,
    end: () => {
      current = undefined;
    },
  };
}
