import { spawnSync } from 'node:child_process';
import { findPostgresBinaries } from '../../src/server/postgres/postgres-binaries.js';
import { postgresRunAs } from '../../src/server/postgres/postgres-user.js';

/**
 * Why this machine cannot run the PostgreSQL engine with its data under `folder`, or
 * undefined when it can. As root, PostgreSQL runs as the user `postgres`, which must reach
 * both the binaries (inside node_modules) and the folder: a checkout in a mode-0700 folder
 * (`mktemp -d`) closes the binaries to it.
 */
export async function postgresUnavailable(folder: string): Promise<string | undefined> {
  const binaries = await findPostgresBinaries();
  if (binaries === undefined) return 'no PostgreSQL binaries are installed for this platform';
  let runAs: ReturnType<typeof postgresRunAs>;
  try {
    runAs = postgresRunAs();
  } catch {
    return 'running as root, and there is no postgres user to run PostgreSQL as';
  }
  if (!('uid' in runAs)) return undefined;
  const asPostgres = (command: string, args: string[]) => spawnSync(command, args, { ...runAs, stdio: 'ignore' });
  if (asPostgres(binaries.postgres, ['--version']).status !== 0) {
    return `running as root, and the postgres user cannot run ${binaries.postgres} (a parent folder closed to others, such as mode 0700)`;
  }
  if (asPostgres('/bin/sh', ['-c', 'test -x "$1"', 'sh', folder]).status !== 0) {
    return `running as root, and the postgres user cannot enter ${folder}`;
  }
  return undefined;
}
