/**
 * The environment variable from which wrangler (`wrangler dev`, and the Workers vitest pool)
 * takes the local database of Hyperdrive binding `binding`, in place of its
 * `localConnectionString` in wrangler.jsonc.
 */
export function hyperdriveVariable(binding: string): string {
  return `CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_${binding}`;
}
