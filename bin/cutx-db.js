#!/usr/bin/env node
// Runs the built CLI when there is one, and otherwise (a checkout) the TypeScript source
// through tsx's documented programmatic registration.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../cli/main.ts', import.meta.url).href);
}
