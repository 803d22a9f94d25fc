// What workerd resolves '@cutx/db/vitest' to: it needs Node, so loading it fails at once
// with an error that says what to use instead, rather than deep inside a Node built-in.
import { IN_A_WORKER, nodeOnly } from './node-only.js';

throw nodeOnly("'@cutx/db/vitest' (test databases made in Node)", IN_A_WORKER);
