import type { Scenario } from '../../seeds/scenario.js';
import { DEFAULT_SCENARIO, scenarioDescriptions } from '../../seeds/scenarios/names.js';
import { MAX_SEED_SCALE } from '../../seeds/seed-scale.js';
import type { OptionSpecs } from '../command.js';
import { UsageError } from '../usage-error.js';
import { wholeNumber } from '../whole-number.js';

/** The options `seed` and `export` share: which data set to make. */
export const scenarioOptions = {
  scenario: {
    type: 'string',
    default: DEFAULT_SCENARIO,
    valueName: 'name',
    description: `The data set to make: ${Object.entries(scenarioDescriptions)
      .map(([name, description]) => `${name} (${description})`)
      .join('; ')}`,
  },
  seed: {
    type: 'string',
    default: '1',
    valueName: 'n',
    description: 'Same seed, same rows, ids and timestamps included.',
  },
  scale: {
    type: 'string',
    default: '1',
    valueName: 'n',
    description: 'Multiplies the volume: 1 is ~6k rows, 100 is ~420k (for load work).',
  },
} as const satisfies OptionSpecs;

/** The scenario, seed and scale the options name, checked. */
export interface ScenarioChoice {
  scenario: Scenario;
  seed: number;
  scale: number;
}

/**
 * Checks the shared options; a bad value is a `UsageError` saying what to pass. Loads the
 * scenarios (and with them every factory) only once the options are good.
 */
export async function scenarioChoice(options: {
  scenario: string;
  seed: string;
  scale: string;
}): Promise<ScenarioChoice> {
  if (!Object.hasOwn(scenarioDescriptions, options.scenario)) {
    throw new UsageError(
      `Unknown scenario '${options.scenario}'. Scenarios: ${Object.keys(scenarioDescriptions).join(', ')}.`,
    );
  }
  const seed = wholeNumber(options.seed, '--seed', 0, 2 ** 31 - 1);
  const scale = wholeNumber(options.scale, '--scale', 1, MAX_SEED_SCALE);
  const { scenarios } = await import('../../seeds/scenarios/index.js');
  return { scenario: scenarios[options.scenario] as Scenario, seed, scale };
}
