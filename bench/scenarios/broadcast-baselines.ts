/**
 * (1) delivery and (2) fan-out. The Parley side needs the realtime server's
 * send/subscribe/fan-out, which has not landed: until then these scenarios
 * run only their baselines (Socket.IO + @socket.io/redis-adapter over 2
 * processes, and the raw `ws` ceiling) and say that the Parley side is not
 * runnable, rather than report a number for it.
 */
import { runBroadcast, type BroadcastOutcome } from "../lib/broadcast.ts";
import { startRedis } from "../lib/redis.ts";
import type { Metric, ScenarioResult } from "../lib/results.ts";
import type { BenchMode, Scenario, ScenarioContext } from "../lib/scenario.ts";
import { summarise } from "../lib/stats.ts";

const PARLEY_NOT_RUNNABLE = "Parley side not runnable: the realtime server has no send/subscribe/fan-out yet";

interface Shape {
  roomSizes: number[];
  ratePerSecond: number;
  seconds: number;
  receiverProcesses: number;
}

/** Mixed channel sizes (mostly small, a few large) filling `clients` memberships. */
function mixedRooms(clients: number): number[] {
  const pattern = [5, 5, 5, 10, 10, 25, 50, 100];
  const sizes: number[] = [];
  for (let used = 0, index = 0; used < clients; index += 1) {
    const size = Math.min(pattern[index % pattern.length] as number, clients - used);
    sizes.push(size);
    used += size;
  }
  return sizes;
}

const SHAPES: Record<"delivery" | "fanout", Record<BenchMode, Shape>> = {
  delivery: {
    quick: { roomSizes: mixedRooms(1_000), ratePerSecond: 200, seconds: 5, receiverProcesses: 2 },
    full: { roomSizes: mixedRooms(10_000), ratePerSecond: 1_000, seconds: 30, receiverProcesses: 4 },
  },
  fanout: {
    quick: { roomSizes: [1_000], ratePerSecond: 10, seconds: 5, receiverProcesses: 2 },
    full: { roomSizes: [1_000], ratePerSecond: 20, seconds: 30, receiverProcesses: 2 },
  },
};

// The budget is Parley's, so it is only stated in the note, never judged on a baseline.
function metricsFor(label: string, key: "latencies" | "lastRecipientMs", peer: BroadcastOutcome, ceiling: BroadcastOutcome): Metric[] {
  const peerSummary = summarise(peer[key]);
  const ceilingSummary = summarise(ceiling[key]);
  return [
    { name: `Socket.IO ${label} p50`, value: peerSummary.p50, unit: "ms", baseline: { name: "raw ws", value: ceilingSummary.p50 } },
    { name: `Socket.IO ${label} p99`, value: peerSummary.p99, unit: "ms", baseline: { name: "raw ws", value: ceilingSummary.p99 } },
    { name: "Socket.IO lost deliveries", value: peer.expectedDeliveries - peer.delivered, unit: "", baseline: { name: "raw ws", value: ceiling.expectedDeliveries - ceiling.delivered } },
  ];
}

function broadcastScenario(name: "delivery" | "fanout", description: string, budgetMs: number): Scenario {
  return {
    name,
    description,
    async run(context: ScenarioContext): Promise<ScenarioResult> {
      const shape = SHAPES[name][context.mode];
      const redis = await startRedis();
      context.onCleanup(() => redis.stop());
      const clients = shape.roomSizes.reduce((sum, size) => sum + size, 0);
      context.log(`${name}: Socket.IO baseline, ${clients} clients in ${shape.roomSizes.length} rooms, ${shape.ratePerSecond} msg/s for ${shape.seconds}s`);
      const peer = await runBroadcast({ kind: "socketio", redisUrl: redis.url, ...shape }, context.onCleanup);
      context.log(`${name}: raw ws ceiling`);
      const ceiling = await runBroadcast({ kind: "ws", redisUrl: redis.url, ...shape }, context.onCleanup);
      const key = name === "fanout" ? "lastRecipientMs" : "latencies";
      return {
        scenario: name,
        status: "ok",
        note: `${PARLEY_NOT_RUNNABLE} (budget p99 ≤ ${budgetMs} ms). Baselines: ${clients} clients, ${shape.roomSizes.length} room(s), ${shape.ratePerSecond} msg/s × ${shape.seconds}s, Socket.IO on 2 nodes + Redis, ws on 1`,
        metrics: metricsFor(name === "fanout" ? "last member" : "send→receive", key, peer, ceiling),
        processes: [...peer.usage, ...ceiling.usage],
        latency: [
          { label: "Socket.IO + Redis", samplesMs: peer[key] },
          { label: "raw ws", samplesMs: ceiling[key] },
        ],
      };
    },
  };
}

export const deliveryScenario = broadcastScenario("delivery", "send→receive latency, mixed channel sizes over 2 nodes + Redis (p99 ≤ 50 ms)", 50);
export const fanoutScenario = broadcastScenario("fanout", "1,000-member channel, time until the last member receives (p99 ≤ 100 ms)", 100);
