import { describe, expect, it } from 'vitest';
import { tableInserts } from '../../seeds/export/sql-writer.js';

describe('seed.sql literals', () => {
  it('writes booleans as the server renders them (true::text is "true")', () => {
    const sql = tableInserts.page(
      { table: 'subscriptions', columns: [{ name: 'cancel_at_period_end', type: 'boolean' }] },
      [
        { json: '', values: ['true'] },
        { json: '', values: ['false'] },
      ],
      0,
      2,
    );
    expect(sql).toContain('(true),\n(false)');
  });
});
