/** Rows per table as aligned lines, with the counts right-aligned and grouped by thousands. */
export function rowSummary(counts: readonly (readonly [string, number])[]): string {
  const width = Math.max(...counts.map(([table]) => table.length));
  const figures = counts.map(([, n]) => n.toLocaleString('en-US'));
  const figureWidth = Math.max(...figures.map((figure) => figure.length));
  return counts.map(([table], i) => `  ${table.padEnd(width)}  ${figures[i]?.padStart(figureWidth)}`).join('\n');
}
