import type { Faker } from '@faker-js/faker';

// How busy each weekday (Sunday first) and UTC hour is: work days and the Americas' and
// Europe's afternoons carry most of the traffic.
const WEEKDAY_WEIGHT = [0.45, 1, 1, 0.95, 0.9, 0.8, 0.55] as const;
const HOUR_WEIGHT = [
  0.6, 0.5, 0.4, 0.3, 0.2, 0.2, 0.2, 0.25, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1, 1, 1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7,
] as const;
// Draws per instant before one is taken as it is: the weights only shape, never block.
const TRIES = 12;

function busyness(ms: number): number {
  const date = new Date(ms);
  return (WEEKDAY_WEIGHT[date.getUTCDay()] ?? 1) * (HOUR_WEIGHT[date.getUTCHours()] ?? 1);
}

/** An instant in [from, to], more likely on weekdays and in working hours (UTC). */
export function busyInstant(random: Faker, from: number, to: number): number {
  if (to <= from) return from;
  let ms = from;
  for (let i = 0; i < TRIES; i += 1) {
    ms = from + Math.floor(random.number.float({ min: 0, max: 1 }) * (to - from));
    if (random.number.float({ min: 0, max: 1 }) < busyness(ms)) break;
  }
  return ms;
}

/**
 * `count` instants in [from, to], ascending and at least a second apart: one user's
 * activity over a span.
 */
export function busyInstants(random: Faker, count: number, from: number, to: number): number[] {
  const drawn = Array.from({ length: count }, () => busyInstant(random, from, to)).sort((a, b) => a - b);
  for (let i = 1; i < drawn.length; i += 1) {
    drawn[i] = Math.max(drawn[i] as number, (drawn[i - 1] as number) + 1000);
  }
  return drawn;
}

/** A duration drawn between `min` and `max` milliseconds. */
export function between(random: Faker, min: number, max: number): number {
  return random.number.int({ min: Math.round(min), max: Math.round(Math.max(min, max)) });
}
