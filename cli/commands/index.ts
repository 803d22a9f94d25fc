import type { Command } from '../command.js';
import { exportCommand } from './export.js';
import { migrateCommand } from './migrate.js';
import { seed } from './seed.js';
import { serve } from './serve.js';
import { status } from './status.js';

/**
 * Every `cutx-db` command, by the name typed on the command line, in the order help lists
 * them. To add one, write `commands/<name>.ts` exporting `defineCommand({...})` and list it here.
 */
export const commands: Readonly<Record<string, Command>> = {
  seed,
  export: exportCommand,
  serve,
  migrate: migrateCommand,
  status,
};
