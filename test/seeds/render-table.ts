import { tableJson } from '../../seeds/export/json-writer.js';
import { readPages, type TableShape } from '../../seeds/export/read-tables.js';
import type { SqlClient } from '../../src/db/sql-client.js';

/** A table of `client` as the export writes its `json/<table>.json` (after `exportTables` set the rendering). */
export async function renderTable(shape: TableShape, client: SqlClient): Promise<string> {
  const pages: string[] = [];
  let start = 0;
  for await (const rows of readPages(shape, client, 100_000)) {
    pages.push(tableJson.page(rows, start));
    start += rows.length;
  }
  return `${tableJson.opening(start)}${pages.join('')}${tableJson.closing(start)}`;
}
