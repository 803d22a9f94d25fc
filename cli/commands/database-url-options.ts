import type { OptionSpecs } from '../command.js';
import { UsageError } from '../usage-error.js';

/** `--database-url` (required) and `--allow-remote`, for the commands that act on a server. */
export const databaseUrlOptions = {
  'database-url': { type: 'string', valueName: 'url', description: 'The PostgreSQL database to act on.' },
  'allow-remote': { type: 'boolean', description: 'Allow a --database-url whose host is not loopback.' },
} as const satisfies OptionSpecs;

/** The `--database-url` given, or a usage error saying it is needed. */
export function requiredDatabaseUrl(command: string, value: string | undefined): string {
  if (value === undefined) {
    throw new UsageError(`${command} needs --database-url, such as postgres://user@127.0.0.1:5432/db.`);
  }
  return value;
}
