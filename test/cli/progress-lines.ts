import { expect } from 'vitest';

const LINE = /^\[(\d+)\/(\d+)\] (.+): ([\d,]+) rows so far, ([\d,]+) rows\/s$/;
const number = (text: string | undefined) => Number((text ?? '').replaceAll(',', ''));

/**
 * Checks what a seed or export wrote to a stderr that is not a terminal: only plain progress
 * lines, one per step from 0 to the end, rows never going down (but at an export's first
 * written table) and some written by the end.
 */
export function expectProgressLines(stderr: string): void {
  expect(stderr).not.toContain('\r');
  expect(stderr).not.toContain('\u001b');
  const lines = stderr.trimEnd().split('\n');
  const steps = lines.map((line) => {
    const match = LINE.exec(line);
    expect(match, `not a progress line: ${JSON.stringify(line)}`).not.toBeNull();
    return { done: number(match?.[1]), total: number(match?.[2]), label: match?.[3], rows: number(match?.[4]) };
  });
  const total = steps[0]?.total ?? 0;
  expect(total).toBeGreaterThan(1);
  expect(steps.map((step) => step.done)).toEqual([...Array(total + 1).keys()]);
  expect(steps.at(-1)?.label).toBe('done');
  // An export writes its tables after seeding (steps `write <table>`), counting from zero again.
  const writing = (label: string | undefined) => label?.startsWith('write ') === true;
  for (const [i, step] of steps.entries()) {
    const previous = steps[i - 1];
    if (previous === undefined) continue;
    if (writing(step.label) && !writing(previous.label)) expect(step.rows).toBe(0);
    else expect(step.rows).toBeGreaterThanOrEqual(previous.rows);
  }
  expect(steps.at(-1)?.rows).toBeGreaterThan(steps[0]?.rows ?? 0);
}
