/**
 * (4) connections: idle authenticated sockets held by one realtime node (the
 * built server, its own process) and its RSS per socket. Load clients are
 * separate processes, each holding a share of the sockets and pinging at the
 * server's heartbeat. Budget: ≥ 50,000 sockets per node, ≤ 15 KB RSS each.
 * On 127.0.0.1 one node is bounded by the fd limit of its process and by the
 * ephemeral port range of the single client address: what was reached is reported.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { issueRealtimeToken } from "@parley/api/realtime/realtime-token";
import { openBenchPool } from "../lib/database.ts";
import { seedChannels } from "../lib/fixtures.ts";
import type { ScenarioResult } from "../lib/results.ts";
import { BENCH_ORIGIN, forkClient, nextMessage, startRealtimeNode, stopProcess } from "../lib/processes.ts";
import type { Scenario, ScenarioContext } from "../lib/scenario.ts";
import { ProcessGroupMeter, sampleProcess } from "../lib/stats.ts";

const CLIENT_PROCESSES = 2;
// fds the node needs besides sockets (listeners, pipes, Postgres/Redis, libuv).
const FD_HEADROOM = 200;
const SIZES = { quick: { sockets: 5_000, holdSeconds: 5 }, full: { sockets: 50_000, holdSeconds: 30 } };

function limitFor(target: number): { sockets: number; reason: string | null } {
  const fdLimit = Number(/Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"))?.[1] ?? target);
  const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number) as [number, number];
  const bound = Math.min(fdLimit - FD_HEADROOM, high - low);
  if (target <= bound) return { sockets: target, reason: null };
  return { sockets: bound, reason: `capped at ${bound} by the fd limit (${fdLimit}) / ephemeral ports (${high - low}) of this box` };
}

const settle = async () => {
  // Let the node's allocator settle after the connect burst before reading RSS (a bounded wait for GC, not a test).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
};

async function run(context: ScenarioContext): Promise<ScenarioResult> {
  const size = SIZES[context.mode];
  const { sockets: target, reason } = limitFor(size.sockets);
  const secret = randomBytes(32).toString("hex");
  // A real, active user (the node refuses tokens of unknown or deactivated users); every socket is one of their tabs.
  const pool = openBenchPool(context.databaseUrl, 1);
  const [channel] = await seedChannels(pool, [1]);
  await pool.end();
  const userId = channel?.memberIds[0] as string;
  const node = await startRealtimeNode({ secret, databaseUrl: context.databaseUrl });
  const clients: ChildProcess[] = [];
  context.onCleanup(async () => {
    await Promise.all(clients.map((client) => stopProcess(client, 2_000)));
    await node.stop();
  });
  const nodePid = node.child.pid as number;
  await settle();
  const idleRss = sampleProcess(nodePid)?.rssBytes ?? 0;
  const token = await issueRealtimeToken(secret, userId);

  const meter = new ProcessGroupMeter("realtime node", () => [nodePid]);
  await meter.begin();
  const started = performance.now();
  const perClient = Math.ceil(target / CLIENT_PROCESSES);
  for (let index = 0; index < CLIENT_PROCESSES; index += 1) clients.push(forkClient("idle-sockets.ts"));
  const reports = await Promise.all(
    clients.map((client, index) => {
      client.send({ url: node.url, origin: BENCH_ORIGIN, token, count: Math.min(perClient, target - index * perClient), concurrency: 100 });
      return nextMessage<{ ready: number; failed: number; firstError: string | null }>(client, "opened", 600_000);
    }),
  );
  const connectSeconds = (performance.now() - started) / 1000;
  context.log(`connections: ${reports.reduce((sum, report) => sum + report.ready, 0)} ready in ${connectSeconds.toFixed(1)}s; holding ${size.holdSeconds}s`);
  await new Promise((resolve) => setTimeout(resolve, size.holdSeconds * 1000));
  const counts = await Promise.all(
    clients.map((client) => {
      client.send({ type: "count" });
      return nextMessage<{ open: number }>(client, "count", 30_000);
    }),
  );
  const held = counts.reduce((sum, count) => sum + count.open, 0);
  const failed = reports.reduce((sum, report) => sum + report.failed, 0);
  const usage = await meter.end();
  const heldRss = sampleProcess(nodePid)?.rssBytes ?? 0;
  const perSocketKb = held > 0 ? (heldRss - idleRss) / held / 1024 : Number.NaN;
  const firstError = reports.find((report) => report.firstError)?.firstError;
  return {
    scenario: "connections",
    status: "ok",
    note: `target ${target} sockets on 1 node from ${CLIENT_PROCESSES} client processes, held ${size.holdSeconds}s; ${failed} failed${firstError ? ` (first: ${firstError})` : ""}${reason ? `; ${reason}` : ""}`,
    metrics: [
      { name: "sockets held per node", value: held, unit: "sockets", budget: { on: "value", op: ">=", limit: 50_000 } },
      { name: "RSS per socket", value: perSocketKb, unit: "KB", budget: { on: "value", op: "<=", limit: 15 } },
      { name: "connect+hello rate", value: held / connectSeconds, unit: "sockets/s" },
      { name: "node RSS holding them", value: heldRss / 1024 / 1024, unit: "MB" },
    ],
    processes: [usage],
  };
}

export const connectionsScenario: Scenario = {
  name: "connections",
  description: "idle authenticated sockets held per realtime node and RSS per socket (≥ 50,000, ≤ 15 KB)",
  run,
};
