/**
 * Mutants no data can tell from the schema as it is, by name, each with the reason. They
 * are left out of the score's denominator; a survivor not listed here is a missing attack.
 */
export const equivalentMutants: Record<string, string> = {};
