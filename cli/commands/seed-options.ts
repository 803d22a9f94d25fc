import { DEFAULT_AS_OF, parseAsOf } from '../../seeds/as-of.js';
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
    description: 'Multiplies the volume: 1 is ~4k rows, 100 is ~280k (for load work).',
  },
  'as-of': {
    type: 'string',
    valueName: 'when',
    description: `The instant the data leads up to: today, a day (2026-06-01) or an ISO instant. Default ${DEFAULT_AS_OF.toISOString().slice(0, 10)}, fixed so the rows reproduce.`,
  },
} as const satisfies OptionSpecs;

/** The scenario, seed and scale the options name, checked. */
export interface ScenarioChoice {
  scenario: Scenario;
  seed: number;
  scale: number;
  /** The anchor the scenario's months of activity end at. */
  asOf: Date;
}

/**
 * Checks the shared options; a bad value is a `UsageError` saying what to pass. Loads the
 * scenarios (and with them every factory) only once the options are good.
 */
export async function scenarioChoice(options: {
  scenario: string;
  seed: string;
  scale: string;
  'as-of'?: string | undefined;
}): Promise<ScenarioChoice> {
  if (!Object.hasOwn(scenarioDescriptions, options.scenario)) {
    throw new UsageError(
      `Unknown scenario '${options.scenario}'. Scenarios: ${Object.keys(scenarioDescriptions).join(', ')}.`,
    );
  }
  const seed = wholeNumber(options.seed, '--seed', 0, 2 ** 31 - 1);
  const scale = wholeNumber(options.scale, '--scale', 1, MAX_SEED_SCALE);
  const asOf = asOfOption(options['as-of']);
  const { scenarios } = await import('../../seeds/scenarios/index.js');
  return { scenario: scenarios[options.scenario] as Scenario, seed, scale, asOf };
}

/** `--as-of` as an instant (the default when not given); a bad value is a `UsageError`. */
function asOfOption(text: string | undefined): Date {
  if (text === undefined) return DEFAULT_AS_OF;
  try {
    return parseAsOf(text);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
