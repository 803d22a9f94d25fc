import { UsageError } from './usage-error.js';

/** An option's value as a whole number within bounds, or a usage error saying what to pass. */
export function wholeNumber(value: string, option: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not '${value}'.`);
  }
  return number;
}
