// The one thing setup.ts takes from workerd's built-in module; the package does not depend on
// @cloudflare/workers-types for it.
declare module 'cloudflare:workers' {
  export const env: unknown;
}
