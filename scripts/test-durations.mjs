// Prints how many tests of a vitest JSON report passed, in the files whose name contains a
// given string, and the median and 90th percentile of their durations.
// Usage: node scripts/test-durations.mjs report.json suite-
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [reportFile, fileFilter = ''] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const tests = report.testResults
  .filter((file) => basename(file.name).includes(fileFilter))
  .flatMap((file) => file.assertionResults);
const passed = tests.filter((test) => test.status === 'passed').length;
const durations = tests.map((test) => test.duration ?? 0).sort((a, b) => a - b);
const at = (fraction) => durations[Math.min(durations.length - 1, Math.floor(fraction * durations.length))];
console.log(
  `${passed}/${tests.length} tests passed in files matching '${fileFilter}': ` +
    `median ${at(0.5)?.toFixed(1)} ms, p90 ${at(0.9)?.toFixed(1)} ms, slowest ${durations.at(-1)?.toFixed(1)} ms`,
);
if (passed !== tests.length || tests.length === 0) process.exit(1);
