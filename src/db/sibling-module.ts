import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The path of module `name` beside the module at `moduleUrl` (its `import.meta.url`), with
 * that module's own extension: `.ts` in this repository's sources, `.js` when installed.
 * For a file vitest loads by path (a setup file, a globalSetup).
 */
export function siblingModule(moduleUrl: string, name: string): string {
  return fileURLToPath(new URL(`./${name}${extname(fileURLToPath(moduleUrl))}`, moduleUrl));
}
