/**
 * `npm run bench`: every section of `sections.ts`, then a Markdown table of medians and
 * ratios against their targets, with the sections that failed and why. `--quick` runs only
 * the headline sections, smaller; `--json` prints the raw figures instead; `--write FILE`
 * also puts the table into FILE between its `bench:table` markers (docs/benchmarks.md).
 *
 *   npm run bench    npm run bench -- --quick    npm run bench -- --write docs/benchmarks.md
 */
import { arch, cpus, loadavg } from 'node:os';
import { recordedFailures, reportFailure } from './failures.js';
import { writeReport } from './report.js';
import { type Figures, SECTIONS } from './sections.js';
import { renderTable } from './table.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const writeTo = args.includes('--write') ? args[args.indexOf('--write') + 1] : undefined;

const figures: Figures = {};
const startLoad = loadavg()[0] ?? 0;
for (const section of SECTIONS) {
  if (quick && !section.inQuick) continue;
  if (!json) process.stderr.write(`measuring ${section.name}...\n`);
  try {
    Object.assign(figures, await section.measure(quick));
  } catch (error) {
    reportFailure(section.name, error);
  }
}
const failed = recordedFailures();

if (json) {
  process.stdout.write(`${JSON.stringify({ ...figures, failed })}\n`);
} else {
  const conditions = `${quick ? 'npm run bench -- --quick' : 'npm run bench'}, ${cpus().length} cores (${arch()}), load average ${startLoad.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
  const failures =
    failed.length === 0 ? '' : `\n\nFailed (their rows are left out):\n${failed.map((f) => `- ${f}`).join('\n')}`;
  const report = `${renderTable(figures)}\n\n${conditions}.${failures}`;
  console.log(report);
  if (writeTo !== undefined) writeReport(writeTo, report);
}
process.exitCode = failed.length === 0 ? 0 : 1;
