import type { Faker } from '@faker-js/faker';
import type { FactorySet } from '../factories/index.js';
import type { SqlClient } from '../src/db/sql-client.js';

/** What a scenario's steps write with: the factories and a client, inside the seed's transaction. */
export interface ScenarioContext {
  /** Factories on the seed's transaction: each create runs under a savepoint of it. */
  readonly f: FactorySet;
  readonly client: SqlClient;
  /**
   * Choices the scenario makes itself (names, mixes), seeded from the seed. Factories keep
   * their own per-table streams, so these draws never shift the factories' values.
   */
  readonly random: Faker;
  /** The instant the data leads up to: nothing the scenario records happens after it. */
  readonly asOf: Date;
}

/** One unit of a scenario's work, and of the progress bar. */
export interface ScenarioStep {
  /** What the step makes, for progress output: `inventory`, `campaigns`. */
  readonly label: string;
  run(context: ScenarioContext): Promise<void>;
}

/**
 * A named, reproducible data set. `plan(scale)` lists the steps for that volume; steps of
 * one plan may share state (the users an earlier step made), so each call plans afresh.
 */
export interface Scenario {
  readonly name: string;
  /** One line, for `cutx-db seed --help`. */
  readonly description: string;
  plan(scale: number): ScenarioStep[];
}
