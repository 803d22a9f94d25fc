import type { Scenario } from '../scenario.js';
import { dev } from './dev.js';
import type { ScenarioName } from './names.js';

export { DEFAULT_SCENARIO } from './names.js';

/** Every scenario by name; `dev` is the default. */
export const scenarios: Readonly<Record<string, Scenario>> = { dev } satisfies Record<ScenarioName, Scenario>;
