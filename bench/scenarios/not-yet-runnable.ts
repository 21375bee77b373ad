/** Scenarios whose Parley side cannot run yet: they report why instead of a number. */
import type { Scenario } from "../lib/scenario.ts";

function notRunnable(name: string, description: string, reason: string): Scenario {
  return { name, description, run: async () => ({ scenario: name, status: "not-runnable", note: reason, metrics: [], processes: [] }) };
}

export const reconnectScenario = notRunnable(
  "reconnect",
  "clients dropped at once reconnect and resync while messages flow; lost = 0, duplicated = 0",
  "the realtime server has no send/subscribe/fan-out or sync yet",
);
