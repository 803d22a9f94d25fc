import type { TableDump } from './read-tables.js';

/**
 * `json/<table>.json`: an array of the table's rows, one per line (so diffs show rows),
 * as `row_to_json` renders them: columns in catalog order, timestamps in UTC.
 */
export function tableJson(dump: TableDump): string {
  if (dump.rows.length === 0) return '[]\n';
  return `[\n${dump.rows.map((row) => row.json).join(',\n')}\n]\n`;
}
