import type { RenderedRow } from './read-tables.js';

/**
 * `json/<table>.json` in parts, so a table is written a page at a time: an array of the
 * table's rows, one per line (so diffs show rows), as `row_to_json` renders them: columns in
 * catalog order, timestamps in UTC. Opening, each page (`start` is the index of its first
 * row), closing, concatenated, give the whole file.
 */
export const tableJson = {
  opening: (total: number): string => (total === 0 ? '[]\n' : '[\n'),
  page: (rows: readonly RenderedRow[], start: number): string =>
    `${start === 0 ? '' : ',\n'}${rows.map((row) => row.json).join(',\n')}`,
  closing: (total: number): string => (total === 0 ? '' : '\n]\n'),
};
