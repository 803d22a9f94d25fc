import { migrate } from '../../src/db/migrate.js';
import { planMigration } from '../../src/db/migration-plan.js';
import { readSchemaFiles } from '../../src/db/schema-files.js';
import { defineCommand } from '../command.js';
import { connectServer } from '../server-connection.js';
import { databaseUrlOptions, requiredDatabaseUrl } from './database-url-options.js';

/** `cutx-db migrate`: the pending schema files applied to a server, or listed with --dry-run. */
export const migrateCommand = defineCommand({
  summary: 'Apply the pending schema files to a PostgreSQL server (--dry-run lists them).',
  description: [
    'Applies each pending file of schema/ in its own transaction and records it, after',
    'refusing a history the files no longer explain (an applied file changed, missing or',
    'renamed, a new file sorting before an applied one), a file with transaction control or a',
    'no-transaction file of more than one statement, and an INVALID index. Waits at most 5',
    'minutes for another migrator, then names its backend. Exits 1 on any refusal or failure.',
    'Refused unless the host is this machine or --allow-remote is given.',
  ].join('\n'),
  options: {
    ...databaseUrlOptions,
    'dry-run': { type: 'boolean', description: 'Say what would be applied; change nothing.' },
  },
  async run(options, { stdout }) {
    const url = requiredDatabaseUrl('migrate', options['database-url']);
    const files = readSchemaFiles();
    const server = await connectServer(url, { allowRemote: options['allow-remote'] === true, action: 'migrate' });
    try {
      const plan = await planMigration(server.client, files);
      const list = (names: string[]) => names.map((name) => `  ${name}\n`).join('');
      stdout.write(`${server.label}: ${plan.applied.length} files applied, ${plan.pending.length} pending.\n`);
      if (plan.pending.length === 0) return;
      const pending = plan.pending.map((file) => file.name);
      if (options['dry-run'] === true) {
        stdout.write(`Would apply, in this order:\n${list(pending)}`);
        return;
      }
      // Said once the lock is held: a migrator waiting behind another applies nothing yet.
      const result = await migrate(server.client, files, {
        onApplying: (now) =>
          stdout.write(`Applying, each in its own transaction:\n${list(now.map((file) => file.name))}`),
      });
      stdout.write(`Applied ${result.applied.length} files.\n`);
    } finally {
      await server.close();
    }
  },
});
