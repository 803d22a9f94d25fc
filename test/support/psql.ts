import { spawnSync } from 'node:child_process';

/**
 * Whether the psql client is on PATH. The tests that load files the way a user does with
 * psql need it; CI's server run uses npm's PostgreSQL binaries, which ship no psql, so on a
 * machine without a PostgreSQL client those tests are skipped and say why.
 */
export const psqlInstalled = spawnSync('psql', ['--version']).status === 0;
