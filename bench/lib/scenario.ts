/** What a scenario gets from the harness and what it must give back. */
import type { ScenarioResult } from "./results.ts";

export type BenchMode = "quick" | "full";

export interface ScenarioContext {
  mode: BenchMode;
  /** Migrated database of this run (fresh per run, shared by its scenarios). */
  databaseUrl: string;
  log(line: string): void;
  /** Registers cleanup that runs even if the scenario throws or the run is interrupted. */
  onCleanup(cleanup: () => Promise<void>): void;
}

export interface Scenario {
  name: string;
  /** One line: what it measures. */
  description: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
