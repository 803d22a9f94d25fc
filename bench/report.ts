import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench:table -->';
const END = '<!-- /bench:table -->';

/**
 * Puts `report` between the `bench:table` markers of the Markdown file at `path`, so the
 * published figures are always one run's output, never typed by hand.
 */
export function writeReport(path: string, report: string): void {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${path} has no ${START} ... ${END} markers: add them where the table belongs, then run again`);
  }
  writeFileSync(path, `${text.slice(0, start + START.length)}\n${report}\n${text.slice(end)}`);
}
