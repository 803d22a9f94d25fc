import type { OptionSpecs } from '../command.js';
import { UsageError } from '../usage-error.js';

/** `--database-url` (default `$DATABASE_URL`) and `--allow-remote`, for the commands that act on a server. */
export const databaseUrlOptions = {
  'database-url': {
    type: 'string',
    valueName: 'url',
    description: 'The PostgreSQL database to act on (default: $DATABASE_URL).',
  },
  'allow-remote': { type: 'boolean', description: 'Allow a --database-url whose host is not loopback.' },
} as const satisfies OptionSpecs;

/** The `--database-url` given, else `$DATABASE_URL`, or a usage error saying one is needed. */
export function requiredDatabaseUrl(
  command: string,
  value: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const url = value ?? (env.DATABASE_URL || undefined);
  if (url === undefined) {
    throw new UsageError(
      `${command} needs --database-url (or DATABASE_URL set), such as postgres://user@127.0.0.1:5432/db.`,
    );
  }
  return url;
}
