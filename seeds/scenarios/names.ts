/**
 * Every scenario's name and one-line description, apart from the scenarios themselves: the
 * CLI's help and option checks need these, and loading the scenarios loads every factory.
 */
export const scenarioDescriptions = {
  dev: 'A realistic workspace: named personas and 40 users per unit of scale, every table filled.',
} as const;

/** A scenario's name. */
export type ScenarioName = keyof typeof scenarioDescriptions;

/** The scenario `cutx-db seed` and `export` use when none is named. */
export const DEFAULT_SCENARIO: ScenarioName = 'dev';
