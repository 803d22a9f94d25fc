import { describe, expect, it } from 'vitest';
import { tableInserts } from '../../seeds/export/sql-writer.js';

describe('seed.sql literals', () => {
  it('writes booleans as the server renders them (true::text is "true")', () => {
    const sql = tableInserts({
      table: 'subscriptions',
      columns: [{ name: 'cancel_at_period_end', type: 'boolean' }],
      rows: [
        { json: '', values: ['true'] },
        { json: '', values: ['false'] },
      ],
    });
    expect(sql).toContain('(true),\n(false)');
  });
});
