import type { Insert, TableName } from '../src/rows/tables.js';
import { type Gens, g } from './column-generators.js';
import type { TraitSpec } from './define-factory.js';

/** `past_due` → `pastDue`: the method name of a vocabulary value's trait. */
export type CamelCase<S extends string> = S extends `${infer H}_${infer R}` ? `${H}${Capitalize<CamelCase<R>>}` : S;

/** `past_due` -> `pastDue`, `gift_cards` -> `giftCards`. */
export const camelCase = (value: string) => value.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * One trait per value of a column, named after the value: `valueTraits('status', ['active',
 * 'past_due'])` gives `active()` and `pastDue()`.
 */
export function valueTraits<T extends TableName, const V extends readonly string[]>(
  column: keyof Insert<T> & string,
  values: V,
): { [K in V[number] as CamelCase<K>]: () => TraitSpec<T> } {
  return Object.fromEntries(
    values.map((value) => [camelCase(value), () => ({ gens: { [column]: g.constant(value) } as Gens<Insert<T>> })]),
  ) as { [K in V[number] as CamelCase<K>]: () => TraitSpec<T> };
}
