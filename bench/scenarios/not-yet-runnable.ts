/** Scenarios whose Parley side cannot run yet: they report why instead of a number. */
import type { Scenario } from "../lib/scenario.ts";

function notRunnable(name: string, description: string, reason: string): Scenario {
  return { name, description, run: async () => ({ scenario: name, status: "not-runnable", note: reason, metrics: [], processes: [] }) };
}

const NO_FANOUT = "the realtime server has no send/subscribe/fan-out yet (apps/realtime only does hello, heartbeat, metrics)";

export const deliveryScenario = notRunnable("delivery", "N clients over 2 realtime nodes + Redis, send→receive p99 ≤ 50 ms", NO_FANOUT);
export const fanoutScenario = notRunnable("fanout", "1,000-member channel, time until the last member receives, p99 ≤ 100 ms", NO_FANOUT);
export const reconnectScenario = notRunnable("reconnect", "clients dropped at once reconnect and resync while messages flow; lost = 0, duplicated = 0", NO_FANOUT + " and no sync");
