/**
 * The overrides a factory takes for an insert type `I`: any of its columns, one variant of a
 * union at a time. In a union discriminated by `type` that fixes `input_params` (generation
 * jobs), `input_params` is taken only beside the `type` it belongs to: given alone, the
 * factory would pick a type at random and the payload would fail validation at run time,
 * so it is refused at compile time instead.
 */
export type PartialInsert<I> = I extends { type: infer Type; input_params: infer Params }
  ? Partial<Omit<I, 'type' | 'input_params'>> &
      ({ type: Type; input_params?: Params } | { type?: Type; input_params?: never })
  : Partial<I>;
