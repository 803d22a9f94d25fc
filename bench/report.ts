import { readFileSync, writeFileSync } from 'node:fs';

/** What goes between a pair of markers: the whole table, or the README's headline rows. */
export interface Report {
  readonly table: string;
  readonly headline: string;
}

const MARKERS = { table: 'bench:table', headline: 'bench:headline' } as const;

/** `text` with `content` between the `<!-- name -->` and `<!-- /name -->` markers, or null without them. */
function between(text: string, name: string, content: string): string | null {
  const start = text.indexOf(`<!-- ${name} -->`);
  const end = text.indexOf(`<!-- /${name} -->`);
  if (start < 0 || end < start) return null;
  return `${text.slice(0, start + name.length + 9)}\n${content}\n${text.slice(end)}`;
}

/**
 * Puts the report between the Markdown file's markers: the whole table between
 * `bench:table` ones (docs/benchmarks.md), the headline rows between `bench:headline` ones
 * (README.md), so the published figures are always one run's output, never typed by hand.
 */
export function writeReport(path: string, report: Report): void {
  let text = readFileSync(path, 'utf8');
  let found = false;
  for (const [part, name] of Object.entries(MARKERS) as [keyof Report, string][]) {
    const replaced = between(text, name, report[part]);
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
