import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * How to run a command as a user who may not write everywhere: root writes anywhere, so a
 * test of "a folder this user may not write" runs the command as `nobody` when it runs as root.
 */
export const unprivileged: { uid?: number; gid?: number } = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const repository = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Why a command of this repository cannot run as `unprivileged` here, or undefined when it
 * can: as root in a checkout under a folder closed to others (mode 0700, as `mktemp -d`
 * makes it), `nobody` cannot reach the repository's files.
 */
export function unprivilegedUnavailable(): string | undefined {
  if (unprivileged.uid === undefined) return undefined;
  const reach = spawnSync('/bin/sh', ['-c', 'test -r "$1/package.json"', 'sh', repository], {
    ...unprivileged,
    stdio: 'ignore',
  });
  return reach.status === 0
    ? undefined
    : `running as root, and user nobody cannot reach ${repository} (a parent folder closed to others, such as mode 0700)`;
}

/** `name`, saying why its tests are skipped when they are. */
export function titled(name: string, skipped: string | undefined): string {
  return skipped === undefined ? name : `${name} (skipped: ${skipped})`;
}
