/**
 * `npm run bench`: every section of `sections.ts`, then a Markdown table of medians and
 * ratios against their targets, with the sections that failed and why. `--quick` runs only
 * the headline sections, smaller; `--json` prints the raw figures instead; `--write FILE`
 * (repeatable) also puts the table into FILE between its `bench:table` markers
 * (docs/benchmarks.md) and the headline rows between its `bench:headline` markers (README.md);
 * `--only NAME` runs the one section of that name (with `--quick`, its quick size).
 *
 *   npm run bench    npm run bench -- --quick    npm run bench -- --write docs/benchmarks.md --write README.md
 *   npm run bench -- --only 'tests in vitest'
 */
import { arch, cpus, loadavg } from 'node:os';
import { recordedFailures, reportFailure } from './failures.js';
import { writeReport } from './report.js';
import { type Figures, SECTIONS } from './sections.js';
import { renderTable } from './table.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const writeTo = args.flatMap((arg, i) => (arg === '--write' ? [args[i + 1] as string] : []));
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (only !== undefined && !SECTIONS.some((section) => section.name === only)) {
  throw new Error(`--only ${only}: no such section; the sections are: ${SECTIONS.map((s) => s.name).join(', ')}`);
}

const figures: Figures = {};
const startLoad = loadavg()[0] ?? 0;
for (const section of SECTIONS) {
  if (only === undefined ? quick && !section.inQuick : section.name !== only) continue;
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
  const command = `npm run bench${quick || only !== undefined ? ' --' : ''}${quick ? ' --quick' : ''}${only === undefined ? '' : ` --only '${only}'`}`;
  const conditions = `${command}, ${cpus().length} cores (${arch()}), load average ${startLoad.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
  const failures =
    failed.length === 0 ? '' : `\n\nFailed (their rows are left out):\n${failed.map((f) => `- ${f}`).join('\n')}`;
  const table = `${renderTable(figures)}\n\n${conditions}.${failures}`;
  console.log(table);
  const headline = `${renderTable(figures, true)}\n\n${conditions}; the whole table: [docs/benchmarks.md](docs/benchmarks.md).${failures}`;
  for (const path of writeTo) writeReport(path, { table, headline });
}
process.exitCode = failed.length === 0 ? 0 : 1;
