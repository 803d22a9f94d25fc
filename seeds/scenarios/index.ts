import type { Scenario } from '../scenario.js';
import { dev } from './dev.js';

/** Every scenario by name; `dev` is the default. */
export const scenarios: Readonly<Record<string, Scenario>> = { dev };

/** The scenario `cutx-db seed` and `export` use when none is named. */
export const DEFAULT_SCENARIO = 'dev';
