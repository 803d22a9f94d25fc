import { CutxDbError } from '../db/errors.js';

/**
 * The environment variable from which wrangler (`wrangler dev`, and the Workers vitest pool)
 * takes the local database of Hyperdrive binding `binding`, in place of its
 * `localConnectionString` in wrangler.jsonc. Refuses a name wrangler would not accept.
 */
export function hyperdriveVariable(binding: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(binding)) {
    throw new CutxDbError(
      'invalid_input',
      `'${binding}' is not a binding name: pass the Hyperdrive binding's name from wrangler.jsonc, e.g. HYPERDRIVE.`,
    );
  }
  return `CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_${binding}`;
}
