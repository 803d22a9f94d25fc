import { CutxDbError } from '../../src/db/errors.js';
import { readSchemaStatus } from '../../src/db/schema-status.js';
import { defineCommand } from '../command.js';
import { connectServer } from '../server-connection.js';
import { databaseUrlOptions, requiredDatabaseUrl } from './database-url-options.js';
import { driftReport } from './drift-report.js';

/** `cutx-db status`: applied and pending files, and drift from the canonical schema. */
export const status = defineCommand({
  summary: "A server's applied and pending schema files, and every drift from the canonical schema.",
  description: [
    'Lists the applied files (with when) and the pending ones, then compares the live catalog',
    '(tables, columns with types, nullability and defaults, constraints, indexes with their',
    'predicates, triggers, functions) with the catalog the applied files make on a fresh',
    'embedded database. Exits 1 when anything differs; pending files alone exit 0. Reads only.',
  ].join('\n'),
  options: databaseUrlOptions,
  async run(options, { stdout }) {
    const url = requiredDatabaseUrl('status', options['database-url']);
    const allowRemote = options['allow-remote'] === true;
    const server = await connectServer(url, { allowRemote, action: 'read', command: 'status' });
    try {
      const { applied, pending, drift } = await readSchemaStatus(server.client);
      stdout.write(`${server.label}\napplied (${applied.length}):\n`);
      for (const record of applied) stdout.write(`  ${record.name}  ${record.appliedAt.toISOString()}\n`);
      stdout.write(`pending (${pending.length}):\n`);
      for (const file of pending) stdout.write(`  ${file.name}\n`);
      if (drift.length === 0) {
        stdout.write('drift: none; the catalog matches the applied files.\n');
        return;
      }
      stdout.write(`drift (${drift.length}), expected as the applied files make it:\n${driftReport(drift)}`);
      throw new CutxDbError(
        'schema_drift',
        `${drift.length} differences from the canonical schema (listed above). Undo the hand-made ` +
          'changes, or make them in a new numbered schema file.',
      );
    } finally {
      await server.close();
    }
  },
});
