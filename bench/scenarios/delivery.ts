/**
 * (1) delivery and (2) fan-out: Parley over 2 realtime nodes + Redis, every
 * message persisted before it is delivered, against the peer (Socket.IO +
 * @socket.io/redis-adapter over 2 processes, no persistence) and the ceiling
 * (raw `ws` broadcast on 1 process), all in the same run with the same rooms,
 * rate and duration.
 */
import { runBroadcast, type BroadcastOutcome } from "../lib/broadcast.ts";
import { mixedRooms } from "../lib/channel-sizes.ts";
import { runParleyBroadcast, type ParleyBroadcastOutcome } from "../lib/parley-broadcast.ts";
import { startRedis } from "../lib/redis.ts";
import type { Metric, ScenarioResult } from "../lib/results.ts";
import type { BenchMode, Scenario, ScenarioContext } from "../lib/scenario.ts";
import { summarise } from "../lib/stats.ts";

interface Shape {
  roomSizes: number[];
  ratePerSecond: number;
  seconds: number;
  /** Sent before the timed messages at the same rate, delivered and checked for loss but not timed (open-loop.ts). */
  warmupSeconds: number;
  receiverProcesses: number;
}

const SHAPES: Record<"delivery" | "fanout", Record<BenchMode, Shape>> = {
  delivery: {
    quick: { roomSizes: mixedRooms(1_000), ratePerSecond: 200, seconds: 5, warmupSeconds: 1, receiverProcesses: 2 },
    full: { roomSizes: mixedRooms(10_000), ratePerSecond: 1_000, seconds: 20, warmupSeconds: 2, receiverProcesses: 4 },
  },
  fanout: {
    quick: { roomSizes: [1_000], ratePerSecond: 10, seconds: 5, warmupSeconds: 1, receiverProcesses: 2 },
    full: { roomSizes: [1_000], ratePerSecond: 20, seconds: 20, warmupSeconds: 2, receiverProcesses: 2 },
  },
};

type LatencyKey = "latencies" | "lastRecipientMs";

function parleyMetrics(label: string, key: LatencyKey, budgetMs: number, parley: ParleyBroadcastOutcome, peer: BroadcastOutcome): Metric[] {
  const ours = summarise(parley[key]);
  const theirs = summarise(peer[key]);
  const budget = { on: "value", op: "<=", limit: budgetMs } as const;
  return [
    { name: `${label} p50`, value: ours.p50, unit: "ms", baseline: { name: "Socket.IO", value: theirs.p50 } },
    { name: `${label} p95`, value: ours.p95, unit: "ms", baseline: { name: "Socket.IO", value: theirs.p95 } },
    { name: `${label} p99`, value: ours.p99, unit: "ms", baseline: { name: "Socket.IO", value: theirs.p99 }, budget },
    {
      name: "lost deliveries of acked messages",
      value: parley.expectedDeliveries - parley.delivered,
      unit: "",
      baseline: { name: "Socket.IO", value: peer.expectedDeliveries - peer.delivered },
    },
    { name: "duplicate frames (dropped by seq)", value: parley.duplicates, unit: "" },
    {
      name: "messages persisted",
      value: parley.persisted,
      unit: "msgs",
      baseline: { name: "sent", value: parley.sent },
      budget: { on: "ratio", op: ">=", limit: 1 },
    },
    { name: "send→ack p99", value: summarise(parley.ackMs).p99, unit: "ms" },
  ];
}

// The ceiling's numbers for the peer, as before: how far Socket.IO itself is from raw ws.
function peerMetrics(label: string, key: LatencyKey, peer: BroadcastOutcome, ceiling: BroadcastOutcome): Metric[] {
  const peerSummary = summarise(peer[key]);
  const ceilingSummary = summarise(ceiling[key]);
  return [
    { name: `Socket.IO ${label} p50`, value: peerSummary.p50, unit: "ms", baseline: { name: "raw ws", value: ceilingSummary.p50 } },
    { name: `Socket.IO ${label} p99`, value: peerSummary.p99, unit: "ms", baseline: { name: "raw ws", value: ceilingSummary.p99 } },
    {
      name: "Socket.IO lost deliveries",
      value: peer.expectedDeliveries - peer.delivered,
      unit: "",
      baseline: { name: "raw ws", value: ceiling.expectedDeliveries - ceiling.delivered },
    },
  ];
}

function sendOutcomeNote(parley: ParleyBroadcastOutcome): string {
  const errors = Object.entries(parley.sendErrors).map(([code, count]) => `${count} ${code}`);
  if (parley.unanswered > 0) errors.push(`${parley.unanswered} unanswered`);
  const closes = Object.entries(parley.receiverCloses).map(([code, count]) => `${count}× ${code}`);
  return `Parley: ${parley.sent} sent (${parley.warmup} warm-up), ${parley.acked} acked${errors.length > 0 ? ` (${errors.join(", ")})` : ""}, ${parley.persisted} in Postgres${
    closes.length > 0 ? `; receiver sockets closed by the node: ${closes.join(", ")}` : ""
  }`;
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
      const what = `${clients} clients in ${shape.roomSizes.length} room(s), ${shape.ratePerSecond} msg/s for ${shape.seconds}s timed after ${shape.warmupSeconds}s of warm-up`;
      context.log(`${name}: Parley on 2 nodes + Redis, ${what}`);
      const parley = await runParleyBroadcast({ ...shape, databaseUrl: context.databaseUrl, redisUrl: redis.url }, context.onCleanup);
      context.log(`${name}: ${sendOutcomeNote(parley)}; Socket.IO baseline`);
      const peer = await runBroadcast({ kind: "socketio", redisUrl: redis.url, ...shape }, context.onCleanup);
      context.log(`${name}: raw ws ceiling`);
      const ceiling = await runBroadcast({ kind: "ws", redisUrl: redis.url, ...shape }, context.onCleanup);
      const key = name === "fanout" ? "lastRecipientMs" : "latencies";
      const label = name === "fanout" ? "last member" : "send→receive";
      return {
        scenario: name,
        status: "ok",
        note: `${what}; Parley and Socket.IO on 2 nodes + Redis, ws on 1; ${sendOutcomeNote(parley)}`,
        metrics: [...parleyMetrics(label, key, budgetMs, parley, peer), ...peerMetrics(label, key, peer, ceiling)],
        processes: [...parley.usage, ...peer.usage, ...ceiling.usage],
        latency: [
          { label: "Parley (persisted)", samplesMs: parley[key] },
          { label: "Socket.IO + Redis", samplesMs: peer[key] },
          { label: "raw ws", samplesMs: ceiling[key] },
        ],
      };
    },
  };
}

export const deliveryScenario = broadcastScenario("delivery", "send→receive latency, mixed channel sizes over 2 nodes + Redis (p99 ≤ 50 ms)", 50);
export const fanoutScenario = broadcastScenario("fanout", "1,000-member channel, time until the last member receives (p99 ≤ 100 ms)", 100);
