import { readFileSync, writeFileSync } from 'node:fs';
import { betweenMarkers } from '../scripts/markdown-markers.js';

/** What goes between a pair of markers: the whole table, or the README's headline rows. */
export interface Report {
  readonly table: string;
  readonly headline: string;
}

const MARKERS = { table: 'bench:table', headline: 'bench:headline' } as const;

/**
 * Puts the report between the Markdown file's markers: the whole table between
 * `bench:table` ones (docs/benchmarks.md), the headline rows between `bench:headline` ones
 * (README.md), so the published figures are always one run's output, never typed by hand.
 */
export function writeReport(path: string, report: Report): void {
  let text = readFileSync(path, 'utf8');
  let found = false;
  for (const [part, name] of Object.entries(MARKERS) as [keyof Report, string][]) {
    const replaced = betweenMarkers(text, name, report[part]);
    if (replaced === null) continue;
    text = replaced;
    found = true;
  }
  if (!found) {
    throw new Error(
      `${path} has no <!-- bench:table --> ... <!-- /bench:table --> (or bench:headline) markers: add them where the table belongs, then run again`,
    );
  }
  writeFileSync(path, text);
}
