import { execFileSync } from 'node:child_process';

/**
 * Builds dist/ once before the tests, so the commands they spawn run what an installed
 * package runs (bin/cutx-db.js prefers dist/), and start in under a second instead of
 * compiling TypeScript in every child process.
 */
export default function buildOnce(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
