// What workerd resolves '@cutx/db/vitest/config' to: it needs Node, so loading it fails at once
// with an error that says what to use instead, rather than deep inside a Node built-in.
import { nodeOnly } from './node-only.js';

throw nodeOnly(
  "'@cutx/db/vitest/config'",
  'import it from vitest.config.ts, which runs in Node, not from code that runs in workerd',
);
