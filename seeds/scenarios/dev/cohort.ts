import type { Row } from '../../../src/rows/tables.js';
import type { Member, Profile } from './profile.js';

/** The users one pass of the `dev` scenario fills in, and the staff who act on them. */
export interface Cohort {
  members: Member[];
  /** The owner and admin personas: actors of audit entries in every cohort. */
  staff: { owner: Row<'users'>; admin: Row<'users'> } | undefined;
}

/** `make(member, k)` for k = 0 … count-1 of each member, flattened: one bulk insert's overrides. */
export function perMember<T>(
  members: readonly Member[],
  count: (profile: Profile) => number,
  make: (member: Member, k: number) => T,
): T[] {
  return members.flatMap((member) => Array.from({ length: count(member.profile) }, (_, k) => make(member, k)));
}

/** The value at `i` of a list that repeats: `cycle(['a', 'b'], 3)` is `'b'`. */
export function cycle<const T extends readonly [unknown, ...unknown[]]>(values: T, i: number): T[number] {
  return values[i % values.length] as T[number];
}

/** Items grouped by key, in their order (Node 20 has no `Map.groupBy`). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
